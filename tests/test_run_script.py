"""The README's run command (`./scripts/run.sh`) in a fresh clone leaves `git status` clean:
everything the app writes (warehouse, locks, WAL, demo extracts, users, the session-signing
key) stays out of git, so `git add -A` can never commit a secret."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import sysconfig
import time
import urllib.request
from pathlib import Path

import pytest

from cockpit.config import PROJECT_ROOT
from cockpit.demo.serve import free_port


def _offline_venv(clone: Path) -> None:
    """A .venv in the clone that borrows this one's packages (no network): bootstrap sees
    it installed, and `cockpit` runs the clone's own code."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(clone / ".venv")],
                   check=True)  # fmt: skip
    site = next((clone / ".venv" / "lib").glob("python*/site-packages"))
    (site / "borrowed.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    launcher = clone / ".venv" / "bin" / "cockpit"
    launcher.write_text(
        f'#!/bin/sh\ncd "{clone}" && exec "{clone}/.venv/bin/python" -m cockpit "$@"\n'
    )
    launcher.chmod(0o755)
    (clone / ".venv" / ".installed-base").touch()


@pytest.mark.slow
def test_the_run_command_leaves_git_status_clean(tmp_path):
    clone = tmp_path / "cockpit"
    subprocess.run(["git", "clone", "-q", str(PROJECT_ROOT), str(clone)], check=True)
    _offline_venv(clone)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("COCKPIT_")}
    server = subprocess.Popen(["./scripts/run.sh", "--port", str(port)], cwd=clone, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              start_new_session=True)  # fmt: skip
    try:
        for _ in range(1200):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
                break
            except OSError:
                assert server.poll() is None, server.stderr.read().decode()
                time.sleep(0.1)
        else:
            pytest.fail("cockpit did not answer on /healthz")
        assert (clone / "data" / "secret_key").exists()
        status = subprocess.run(["git", "status", "--porcelain", "--ignored=no"], cwd=clone,
                                capture_output=True, text=True, check=True)  # fmt: skip
        assert status.stdout == ""
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)

"""The demo hospital built and served through the real CLI, for benchmarks, screenshots and
browser tests: `cockpit demo` + `cockpit ingest`, then `cockpit serve` in a subprocess."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from cockpit.config import PROJECT_ROOT
from cockpit.demo.org import DEMO_NATIONAL_FINESS

COCKPIT = [sys.executable, "-m", "cockpit"]
# Headless Chromium as the browser tests, screenshots and benchmarks launch it: Debian's build,
# offline (no updates, sync or background requests).
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROMIUM_FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
)


def build_demo_warehouse(work: Path) -> Path:
    """Write the demo extracts under `work` and ingest them; returns the warehouse path."""
    extracts, db = work / "extracts", work / "demo.duckdb"
    subprocess.run([*COCKPIT, "demo", "--out", str(extracts)], check=True, capture_output=True,
                   cwd=PROJECT_ROOT)  # fmt: skip
    csvs = [str(p) for p in sorted(extracts.glob("*.csv"))]
    subprocess.run([*COCKPIT, "ingest", "--db", str(db), *csvs], check=True, capture_output=True,
                   cwd=PROJECT_ROOT)  # fmt: skip
    return db


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(
    db: Path,
    state: Path,
    args: Sequence[str] = (),
    env: Mapping[str, str] | None = None,
    log: Path | None = None,
) -> Iterator[str]:
    """`cockpit serve --demo-users [args]` on a free loopback port, with `env` added to the
    environment and its stderr written to `log`; yields its URL once it answers.

    CH de Vallombre is compared as a real CH on the national page, unless the environment
    says otherwise (COCKPIT_NATIONAL_FINESS).
    """
    port = free_port()
    command = [*COCKPIT, "serve", "--db", str(db), "--state", str(state), "--port", str(port),
               "--demo-users", *args]  # fmt: skip
    # A file, not a pipe: a pipe nobody reads would stall a server that logs a lot.
    stderr = open(log, "w+b") if log else tempfile.TemporaryFile()  # noqa: SIM115
    process = subprocess.Popen(
        command, cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL, stderr=stderr,
        env={"COCKPIT_NATIONAL_FINESS": DEMO_NATIONAL_FINESS, **os.environ, **(env or {})},
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(url + "/healthz", timeout=1)  # nosec B310 # our own loopback http URL
                break
            except OSError:
                if process.poll() is not None:
                    stderr.seek(0)
                    raise RuntimeError(stderr.read().decode()) from None
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
        stderr.close()


@contextmanager
def demo_server(work: Path) -> Iterator[str]:
    """The demo hospital built under `work` and served; yields its URL."""
    with serve(build_demo_warehouse(work), work / "state") as url:
        yield url

"""Ingest runs: all or nothing, idempotent, month replacement, log, live readers, killed runs."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from extract_samples import ROCHEBRUNE, VALLOMBRE, table_contents, write_csv

from cockpit.warehouse import swap
from cockpit.warehouse.errors import IngestError
from cockpit.warehouse.ingest import ingest_files

ROOT = Path(__file__).resolve().parents[1]
COCKPIT = [sys.executable, "-c", "from cockpit.cli import main; main()"]


def write_group(frames, folder: Path, kinds=None) -> list[Path]:
    kinds = kinds or list(frames)
    return [write_csv(frames[k], folder / f"{k}.csv") for k in kinds]


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cockpit(*args: str, **options) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*COCKPIT, *args], cwd=ROOT, capture_output=True, text=True, timeout=120, **options
    )


def test_failed_run_leaves_warehouse_intact(tmp_path, db_path, frames):
    ingest_files(write_group(frames, tmp_path / "v1"), db_path)
    before, digest, inode = table_contents(db_path), file_digest(db_path), db_path.stat().st_ino
    activity, hr = frames["activity"].copy(), frames["hr"].astype(object)
    activity["admissions"] += 1  # a valid correction…
    hr.loc[0, "headcount"] = "x"  # …in the same run as a bad file
    with pytest.raises(IngestError):
        ingest_files([write_csv(activity, tmp_path / "a.csv"), write_csv(hr, tmp_path / "h.csv")],
                     db_path)  # fmt: skip
    assert table_contents(db_path) == before  # every table, ingest_log included
    assert (file_digest(db_path), db_path.stat().st_ino) == (digest, inode)
    assert [p.name for p in db_path.parent.iterdir() if ".tmp-" in p.name] == []


def test_failed_run_is_recorded_beside_the_warehouse(tmp_path, db_path, frames):
    treasury = frames["treasury"].astype(object)
    treasury.loc[0, "cash_eur"] = "?"
    with pytest.raises(IngestError):
        ingest_files([write_csv(treasury, tmp_path / "t.csv")], db_path, user="alice")
    failures = db_path.with_name(db_path.name + ".ingest-failures.jsonl").read_text()
    entry = json.loads(failures.splitlines()[-1])
    assert entry["username"] == "alice" and entry["files"] == [str(tmp_path / "t.csv")]
    assert "line 2, column cash_eur: '?' is not a number" in entry["errors"][0]


def test_reingesting_the_same_files_is_idempotent(tmp_path, db_path, frames):
    files = write_group(frames, tmp_path)
    ingest_files(files, db_path)
    first = table_contents(db_path)
    ingest_files(files, db_path)
    second = table_contents(db_path)
    assert len(second.pop("ingest_log")) == 2 * len(first.pop("ingest_log"))
    assert second == first


def test_corrected_month_replaces_only_that_month_and_establishment(tmp_path, db_path, frames):
    ingest_files(write_group(frames, tmp_path / "v1"), db_path)
    before = table_contents(db_path)
    activity = frames["activity"]
    corrected = activity[(activity.period == "2024-02") & (activity.establishment_id == VALLOMBRE)]
    corrected = corrected[corrected.service != "Pneumologie"].assign(admissions=7)
    report = ingest_files([write_csv(corrected, tmp_path / "fix.csv")], db_path)
    assert report.files[0].replaced == 3  # the three Vallombre services of February
    con = duckdb.connect(str(db_path), read_only=True)
    rows = con.execute(
        "SELECT strftime(period, '%Y-%m'), establishment_id, service, admissions FROM activity"
    ).fetchall()
    february_vallombre = {r[2]: r[3] for r in rows if r[0] == "2024-02" and r[1] == VALLOMBRE}
    assert february_vallombre == {"Cardiologie": 7, "Bloc opératoire": 7}
    untouched = [r for r in rows if not (r[0] == "2024-02" and r[1] == VALLOMBRE)]
    expected = [
        (r[0].strftime("%Y-%m"), r[1], r[3], r[4])
        for r in before["activity"]
        if not (r[0].strftime("%Y-%m") == "2024-02" and r[1] == VALLOMBRE)
    ]
    assert sorted(untouched) == sorted(expected)
    assert table_contents(db_path)["hr"] == before["hr"]


def test_structure_is_replaced_per_establishment(tmp_path, db_path, frames):
    ingest_files(write_group(frames, tmp_path / "v1", ["structure"]), db_path)
    rochebrune = pd.DataFrame(
        [(ROCHEBRUNE, "CH de Rochebrune", "Rochebrune", "Chirurgie", "Ophtalmologie")],
        columns=frames["structure"].columns,
    )
    ingest_files([write_csv(rochebrune, tmp_path / "s2.csv")], db_path)
    services = {(r[0], r[4]) for r in table_contents(db_path)["structure"]}
    assert (ROCHEBRUNE, "Ophtalmologie") in services
    assert (ROCHEBRUNE, "Médecine polyvalente") not in services
    assert (VALLOMBRE, "Cardiologie") in services


def test_two_files_of_one_run_may_not_load_the_same_month(tmp_path, db_path, frames):
    files = write_group(frames, tmp_path, ["structure", "activity"])
    again = write_csv(frames["activity"].iloc[:2], tmp_path / "again.csv")
    with pytest.raises(IngestError) as caught:
        ingest_files([*files, again], db_path)
    error = caught.value.errors[0]
    assert error.file == str(again) and error.column == "period, establishment_id"
    assert f"(2024-01, {VALLOMBRE}) is also in {files[1]}" in error.reason


def test_ingest_log_records_every_file_of_the_run(tmp_path, db_path, frames):
    files = write_group(frames, tmp_path)
    report = ingest_files(files, db_path, user="controleur")
    con = duckdb.connect(str(db_path), read_only=True)
    log = con.execute(
        "SELECT run_id, file, sha256, kind, rows, period_start, period_end, started_at, "
        "finished_at, outcome, username FROM ingest_log"
    ).fetchall()
    assert len(log) == 6 and {r[0] for r in log} == {report.run_id}
    by_kind = {r[3]: r for r in log}
    activity = by_kind["activity"]
    assert activity[1] == str(tmp_path / "activity.csv")
    assert activity[2] == file_digest(tmp_path / "activity.csv")
    assert activity[4:7] == (len(frames["activity"]), "2024-01", "2024-02")
    assert activity[7] <= activity[8] and activity[9:] == ("ok", "controleur")
    assert by_kind["structure"][5:7] == (None, None)
    assert by_kind["targets"][5:7] == ("2024-01", "2024-12")


READER = """
import sys
import threading
from cockpit.warehouse.connection import ReadOnlyWarehouse
warehouse = ReadOnlyWarehouse(sys.argv[1])
count = "SELECT count(*) FROM activity"
print(warehouse.cursor().execute(count).fetchall()[0][0], flush=True)
sys.stdin.readline()  # the test runs an ingest meanwhile
print(warehouse.cursor().execute(count).fetchall()[0][0], flush=True)
"""


def test_reader_opened_before_an_ingest_sees_its_rows_without_restart(tmp_path, db_path, frames):
    ingest_files(write_group(frames, tmp_path / "v1", ["structure", "activity"]), db_path)
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(db_path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip
    try:
        assert int(reader.stdout.readline()) == len(frames["activity"])
        activity = frames["activity"]
        march = activity[activity.period == "2024-01"].assign(period="2024-03")
        done = cockpit(
            "ingest", str(write_csv(march, tmp_path / "march.csv")), "--db", str(db_path)
        )
        assert done.returncode == 0, done.stderr
        reader.stdin.write("\n")
        reader.stdin.flush()
        assert int(reader.stdout.readline()) == len(frames["activity"]) + len(march)
    finally:
        reader.kill()
        reader.wait()


def big_activity(folder: Path, establishments: int) -> list[Path]:
    """A structure and an activity extract of establishments × 20 services × 24 months."""
    con = duckdb.connect()
    con.execute(f"""CREATE TABLE services AS SELECT printf('98%07d', e) AS establishment_id,
        'CH ' || e AS establishment, 'Site' AS site, 'Pôle ' || (s // 5) AS pole,
        'Service ' || s AS service FROM range({establishments}) a(e), range(20) b(s)""")
    structure, activity = folder / "big-structure.csv", folder / "big-activity.csv"
    con.execute(f"COPY services TO '{structure}' (HEADER)")
    counts = ", ".join(
        f"(random() * 500)::INT AS {c}"
        for c in ("admissions", "stays_full", "stays_ambulatory", "bed_days", "er_visits",
                  "er_admissions", "consultations", "surgeries", "ambulatory_surgeries", "births")
    )  # fmt: skip
    con.execute(f"""COPY (SELECT strftime(DATE '2022-01-01' + INTERVAL (m) MONTH, '%Y-%m')
        AS period, establishment_id, pole, service, {counts}, 300.5 AS expected_bed_days,
        25 AS installed_beds, round(random() * 1e6, 2) AS t2a_valuation_eur
        FROM services, range(24) t(m)) TO '{activity}' (HEADER)""")
    con.close()
    return [structure, activity]


def test_killed_ingest_leaves_the_previous_warehouse_readable_and_intact(tmp_path, db_path, frames):
    ingest_files(write_group(frames, tmp_path / "v1"), db_path)
    before, digest = table_contents(db_path), file_digest(db_path)
    big = big_activity(tmp_path, establishments=800)  # 384 000 rows: a few seconds of work
    run = subprocess.Popen(
        [*COCKPIT, "ingest", *map(str, big), "--db", str(db_path)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    temp = db_path.with_name(f"{db_path.name}.tmp-{run.pid}")
    deadline = time.monotonic() + 60
    while not temp.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.5)  # well into the load
    assert run.poll() is None, "the ingest finished before it could be killed"
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    assert temp.exists()  # what a killed run leaves behind
    assert file_digest(db_path) == digest
    assert table_contents(db_path) == before

    ingest_files(big, db_path)  # the next run works, and cleans up
    assert not temp.exists()
    assert len(table_contents(db_path)["activity"]) == len(before["activity"]) + 800 * 20 * 24


def test_cli_lists_every_problem_and_exits_non_zero(tmp_path, db_path, frames):
    hr = frames["hr"].astype(object)
    hr.loc[0, "staff_group"] = "cadre"
    hr.loc[3, "fte_paid"] = "-1"
    files = [write_csv(frames["structure"], tmp_path / "s.csv"), write_csv(hr, tmp_path / "h.csv")]
    done = cockpit("ingest", *map(str, files), "--db", str(db_path))
    assert done.returncode == 1
    assert f"✗ {files[1]} — 2 problem(s):" in done.stderr
    assert "line 2, column staff_group: 'cadre' is not one of: medical, non_medical" in done.stderr
    assert "line 5, column fte_paid: -1 is negative" in done.stderr
    assert "Nothing was stored" in done.stderr
    assert not db_path.exists()


def test_cli_summarises_each_file_and_reads_the_db_from_the_environment(tmp_path, frames):
    db = tmp_path / "env.duckdb"
    write_group(frames, tmp_path / "files")
    environment = {**os.environ, "COCKPIT_DB": str(db)}
    done = cockpit("ingest", str(tmp_path / "files"), "--user", "dg", env=environment)
    assert done.returncode == 0, done.stderr
    for kind in frames:
        assert f"{kind}.csv" in done.stdout
    assert "2024-01 → 2024-02" in done.stdout
    assert db.exists()
    users = duckdb.connect(str(db), read_only=True).execute(
        "SELECT DISTINCT username FROM ingest_log"
    )
    assert users.fetchall() == [("dg",)]


def test_an_ingest_waits_for_the_one_holding_the_warehouse_lock(tmp_path, db_path, frames):
    files = write_group(frames, tmp_path, ["structure"])
    waited = threading.Event()
    with swap.exclusive_lock(db_path):
        worker = threading.Thread(
            target=ingest_files, args=(files, db_path), kwargs={"on_wait": waited.set}
        )
        worker.start()
        assert waited.wait(10)
        time.sleep(0.2)
        assert not db_path.exists()  # still waiting
    worker.join(30)
    assert len(table_contents(db_path)["structure"]) == len(frames["structure"])


def test_leftovers_of_killed_runs_are_removed_by_the_next_run(tmp_path, db_path, frames):
    db_path.parent.mkdir(parents=True)
    leftovers = [db_path.with_name(f"{db_path.name}.tmp-4242{suffix}") for suffix in ("", ".wal")]
    for leftover in leftovers:
        leftover.write_bytes(b"half a warehouse")
    ingest_files(write_group(frames, tmp_path, ["structure"]), db_path)
    assert not any(leftover.exists() for leftover in leftovers)


def test_one_run_may_load_several_months_of_one_kind_from_several_files(tmp_path, db_path, frames):
    ingest_files(write_group(frames, tmp_path / "v1"), db_path)
    before = table_contents(db_path)
    activity = frames["activity"].assign(admissions=1)
    january = write_csv(activity[activity.period == "2024-01"], tmp_path / "jan.csv")
    february = write_csv(activity[activity.period == "2024-02"], tmp_path / "feb.csv")
    ingest_files([january, february], db_path)
    after = table_contents(db_path)
    assert sorted(r[4] for r in after["activity"]) == [1] * len(activity)
    assert after["hr"] == before["hr"]

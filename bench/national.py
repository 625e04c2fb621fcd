"""Benchmark: `cockpit national import` of a folder of public files against DuckDB's raw
`read_csv` of the same files, measured in the same run.

    .venv/bin/python bench/national.py [FOLDER] [--repeat N]

FOLDER defaults to the SAE folder of the real files (`shared/data/real/sae` above the
project): every ID, SYGEN, MCO and URGENCES2 table, 2019–2024, gzip-compressed. In child
processes, alternately, N times each:
  (a) import: recognise, read (gzip natively), check every cell, unpivot, store, rebuild
      the peer classification, checkpoint and swap in the warehouse;
  (b) raw: `CREATE TABLE AS SELECT * FROM read_csv(…)` of the same files, as DuckDB reads
      them by itself (Latin-1; a table it refuses as Latin-1 read as UTF-8, ignoring errors).
Prints the best time of each, rows/s on the files' rows, the raw/import ratio and the
children's peak RSS. Target: the whole SAE folder in seconds, not minutes.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PEAK = """
def peak_mib():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
"""
IMPORT = PEAK + """
import sys
from cockpit.warehouse.national import import_national_files
report = import_national_files(sys.argv[2:], sys.argv[1], user="bench")
print(report.values, peak_mib())
"""  # fmt: skip
RAW = PEAK + """
import sys, duckdb
con = duckdb.connect(sys.argv[1])
rows = 0
for i, path in enumerate(sys.argv[2:]):
    quoted = path.replace("'", "''")
    try:
        con.execute(f"CREATE TABLE t{i} AS SELECT * FROM read_csv('{quoted}', delim = ';', "
                    "encoding = 'latin-1')")
    except duckdb.InvalidInputException:  # Windows-1252 bytes: DuckDB's Latin-1 refuses them
        con.execute(f"CREATE TABLE t{i} AS SELECT * FROM read_csv('{quoted}', delim = ';', "
                    "encoding = 'utf-8', ignore_errors = true)")
    rows += con.execute(f"SELECT count(*) FROM t{i}").fetchall()[0][0]
con.close()
print(rows, peak_mib())
"""  # fmt: skip


def default_folder() -> Path:
    for parent in ROOT.parents:
        if (parent / "shared" / "data" / "real" / "sae").is_dir():
            return parent / "shared" / "data" / "real" / "sae"
    raise SystemExit("no shared/data/real/sae above the project: give a FOLDER")


def child(code: str, db: Path, files: list[Path]) -> tuple[float, int, float]:
    """(seconds, count printed, peak MiB) of one child process, warehouse created afresh."""
    for leftover in db.parent.glob(db.name + "*"):
        leftover.unlink()
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, str(db), *map(str, files)],
                          capture_output=True, text=True, check=True, cwd=ROOT)  # fmt: skip
    seconds = time.perf_counter() - started
    count, peak = done.stdout.split()
    return seconds, int(count), float(peak)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, help="folder of public files")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each (best is kept)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from cockpit.warehouse.national.files import national_files

    folder = args.folder or default_folder()
    files, skipped = national_files([folder])
    size = sum(f.stat().st_size for f in files) / 2**20
    print(f"{len(files)} files ({size:.1f} MiB compressed) from {folder}; "
          f"{len(skipped)} not imported (e.g. Q20, Q21, Q24)")  # fmt: skip
    runs: dict[str, list[tuple[float, int, float]]] = {"import": [], "raw": []}
    with tempfile.TemporaryDirectory(prefix="cockpit-bench-national-") as tmp:
        for _ in range(args.repeat):
            runs["raw"].append(child(RAW, Path(tmp) / "raw.duckdb", files))
            runs["import"].append(child(IMPORT, Path(tmp) / "import.duckdb", files))
    raw_s, rows, raw_peak = min(runs["raw"])
    import_s, values, import_peak = min(runs["import"])
    print(f"raw read_csv : {raw_s:6.2f} s  {rows / raw_s:10,.0f} rows/s  peak {raw_peak:5.0f} MiB"
          f"  ({rows:,} rows)")  # fmt: skip
    stored = f"{values:,} values stored, {values / import_s:,.0f}/s"
    print(f"import       : {import_s:6.2f} s  {rows / import_s:10,.0f} rows/s  peak "
          f"{import_peak:5.0f} MiB  ({stored})")  # fmt: skip
    print(f"import runs at {raw_s / import_s:.0%} of raw read_csv's speed "
          f"(best of {args.repeat}; times include starting Python)")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

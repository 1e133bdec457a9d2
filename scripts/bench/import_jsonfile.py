#!/usr/bin/env python3
"""Import: `aclog import` of an N-line Docker json-file (records/s), next to the sqlite3 CLI loading
the same rows into the same schema in one transaction. Release build, medians of --runs.

  scripts/bench/import_jsonfile.py [--lines 1000000] [--runs 5]
"""
import os, subprocess, time
from common import result, ACLOG, arguments, generate, median, sqlite3_load_seconds

a = arguments(lines=1_000_000)
end = 1_795_000_000_000_000_000
json_file = generate(os.path.join(a.work, f"import-{a.lines}-json.log"), a.lines, "json", end=end)
rows = generate(os.path.join(a.work, f"ingest-{a.lines}-rows.sql"), a.lines, "sql", end=end)

aclog_times, sqlite_times = [], []
for _ in range(a.runs):
    db = os.path.join(a.work, "import-aclog.db")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    start = time.perf_counter()
    subprocess.run([ACLOG, "import", json_file, "--service", "stack", "--db", db], check=True, capture_output=True)
    aclog_times.append(time.perf_counter() - start)
    sqlite_times.append(sqlite3_load_seconds(rows, os.path.join(a.work, "import-sqlite3.db")))

stored = int(subprocess.run(["sqlite3", db, "SELECT count(*) FROM records"], capture_output=True, text=True).stdout)
ta, ts = median(aclog_times), median(sqlite_times)
print(f"import of a {a.lines:,}-line json-file ({os.path.getsize(json_file) / 1e6:.0f} MB), medians of {a.runs} runs")
print(f"  aclog import:                                      {ta:6.2f} s  {a.lines / ta:10,.0f} lines/s ({stored:,} records)")
print(f"  sqlite3 CLI, same rows and schema, one transaction: {ts:6.2f} s  {a.lines / ts:10,.0f} rows/s")
print(f"  ratio aclog / sqlite3: {ts / ta:.2f}x")
result("import json-file", a.lines / ta, a.lines / ts, unit="lines/s", higher_is_better=True)

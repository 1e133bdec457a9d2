#!/usr/bin/env python3
"""Export: `aclog export --since 1d -w FILE` (a day of a database of N lines spread over 7 days:
the records and their search index, counts, events, samples, runs) next to the sqlite3 CLI copying
the same day's rows of the records table alone into a new file (no index, no other table).
Medians of --runs. Needs a release build.

  scripts/bench/export.py [--lines 10000000] [--runs 3] [--work /tmp/aclog-bench]
"""
import os, subprocess, time
from common import result, arguments, ACLOG, collect_until, fake_docker, generate, median, meta

a = arguments(lines=10_000_000, runs=3)
end = (time.time_ns() // 3_600_000_000_000) * 3_600_000_000_000  # this hour, so files can be reused
since_ns = end - 86_400_000_000_000

docker_lines = generate(os.path.join(a.work, f"export-{a.lines}-{end}.docker.txt"), a.lines, "docker", end=end)
db = os.path.join(a.work, "export.db")
ingest = collect_until(db, fake_docker(a.work, docker_lines), meta(docker_lines)["records"], timeout=3600)
out = os.path.join(a.work, "export-out.db")

def clear():
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(out + suffix):
            os.remove(out + suffix)

def timed(args):
    clear()
    start = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True)
    return time.perf_counter() - start

stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(since_ns // 1_000_000_000))
aclog = [timed([ACLOG, "export", "--since", stamp, "-w", out, "--db", db]) for _ in range(a.runs)]
rows = int(subprocess.run(["sqlite3", out, "SELECT count(*) FROM records"], capture_output=True, text=True, check=True).stdout)
size = os.path.getsize(out)
copy = f"ATTACH '{db}' AS src; CREATE TABLE records AS SELECT * FROM src.records WHERE ts >= {since_ns};"
sqlite = [timed(["sqlite3", out, copy]) for _ in range(a.runs)]
clear()
ta, tb = median(aclog), median(sqlite)
print(f"export of the last day of {a.lines:,} lines in 7 days ({rows:,} records), medians of {a.runs} runs")
print(f"  (database filled by aclog collect in {ingest:.1f} s)")
print(f"  aclog export --since 1d:            {ta:8.2f} s  ({size / 1e6:.0f} MB, search index and every table)")
print(f"  sqlite3 copying the records alone:  {tb:8.2f} s")
result("export a day (records, index, counts, samples)", ta, tb, limit=30.0)

#!/usr/bin/env python3
"""Ingest: records/s through aclog's whole collector path (docker CLI pipe, decode, parse, write)
for N replayed lines, next to the sqlite3 CLI inserting the same rows into the same schema in one
transaction. Release build; medians of --runs.

  scripts/bench/ingest.py [--lines 1000000] [--runs 5] [--work /tmp/aclog-bench]
"""
import os, subprocess, time
from common import result, arguments, ACLOG, collect_until, fake_docker, generate, median, meta, sqlite3_load_seconds

a = arguments(lines=1_000_000)
end = 1_795_000_000_000_000_000
lines = generate(os.path.join(a.work, f"ingest-{a.lines}.docker.txt"), a.lines, "docker", end=end)
rows = generate(os.path.join(a.work, f"ingest-{a.lines}-rows.sql"), a.lines, "sql", end=end)
docker = fake_docker(a.work, lines)
records = meta(lines)["records"]   # a traceback with its header is one record

aclog_times, sqlite_times = [], []
for run in range(a.runs):
    db = os.path.join(a.work, "ingest-aclog.db")
    aclog_times.append(collect_until(db, docker, records))
    sqlite_times.append(sqlite3_load_seconds(rows, os.path.join(a.work, "ingest-sqlite3.db")))

ta, ts = median(aclog_times), median(sqlite_times)
print(f"ingest of {a.lines:,} lines ({records:,} records), medians of {a.runs} runs ({ACLOG})")
print(f"  aclog collect (fake docker CLI, decode, parse, write): {ta:6.2f} s  {records / ta:10,.0f} records/s")
print(f"  sqlite3 CLI, same rows and schema, one transaction:    {ts:6.2f} s  {records / ts:10,.0f} records/s")
print(f"  ratio aclog / sqlite3 (records/s): {ts / ta:.2f}x")
result("ingest", records / ta, records / ts, unit="records/s", higher_is_better=True, target=1.0)

#!/usr/bin/env python3
"""Retention designs, measured before choosing (issue 6): freeing the oldest day of 7 days of
records (with their FTS5 index) either by deleting rows and handing the pages back with
incremental vacuum (aclog's design), or by dropping a whole per-day partition (a table and its
own FTS5 index per day, as a time-partitioned store would). Same SQLite, same rows, medians.

  scripts/bench/retention_design.py [--rows 700000] [--runs 3]
"""
import argparse, os, sqlite3, statistics, subprocess, time

p = argparse.ArgumentParser()
p.add_argument("--rows", type=int, default=700_000)
p.add_argument("--runs", type=int, default=3)
p.add_argument("--work", default="/tmp/aclog-bench")
a = p.parse_args()
os.makedirs(a.work, exist_ok=True)
per_day = a.rows // 7
words = "connection refused timeout request served user agent backend redis mysql error info".split()

def line(i):
    return f"{i} {words[i % 11]} {words[(i * 7) % 11]} path=/api/v1/items/{i % 997} status={200 + (i % 5) * 100} took {i % 300}ms"

def fresh(path):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA auto_vacuum = INCREMENTAL")
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    return db

def vacuum(path):
    # Python's sqlite3 steps a statement without result columns once, and incremental_vacuum
    # frees one page per step: the CLI runs it to the end, as aclog's sqlite3_exec does.
    subprocess.run(["sqlite3", path, "PRAGMA incremental_vacuum; PRAGMA wal_checkpoint(TRUNCATE);"], check=True, capture_output=True)

def one_table():
    path = os.path.join(a.work, "retention-one.db")
    db = fresh(path)
    db.execute("CREATE TABLE records (id INTEGER PRIMARY KEY, ts INTEGER, message TEXT)")
    db.execute("CREATE INDEX records_ts ON records(ts)")
    db.execute("CREATE VIRTUAL TABLE records_fts USING fts5(message, content='records', content_rowid='id')")
    db.execute("BEGIN")
    for i in range(a.rows):
        db.execute("INSERT INTO records (id, ts, message) VALUES (?, ?, ?)", (i + 1, i, line(i)))
        db.execute("INSERT INTO records_fts (rowid, message) VALUES (?, ?)", (i + 1, line(i)))
    db.execute("COMMIT")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = os.path.getsize(path)
    start = time.perf_counter()
    # aclog's way: bounded batches of 2,000, each with its FTS deletes, then incremental vacuum.
    cut = per_day
    while True:
        db.execute("BEGIN")
        rows = db.execute("SELECT id, message FROM records WHERE ts < ? ORDER BY ts LIMIT 2000", (cut,)).fetchall()
        for rid, message in rows:
            db.execute("INSERT INTO records_fts (records_fts, rowid, message) VALUES ('delete', ?, ?)", (rid, message))
            db.execute("DELETE FROM records WHERE id = ?", (rid,))
        db.execute("COMMIT")
        if len(rows) < 2000:
            break
    deleted = time.perf_counter() - start
    db.close()
    vacuum(path)
    total = time.perf_counter() - start
    return deleted, total, before, os.path.getsize(path)

def partitions():
    path = os.path.join(a.work, "retention-parts.db")
    db = fresh(path)
    db.execute("BEGIN")
    for day in range(7):
        db.execute(f"CREATE TABLE records_{day} (id INTEGER PRIMARY KEY, ts INTEGER, message TEXT)")
        db.execute(f"CREATE VIRTUAL TABLE records_fts_{day} USING fts5(message, content='records_{day}', content_rowid='id')")
    for i in range(a.rows):
        day = min(6, i // per_day)
        db.execute(f"INSERT INTO records_{day} (id, ts, message) VALUES (?, ?, ?)", (i + 1, i, line(i)))
        db.execute(f"INSERT INTO records_fts_{day} (rowid, message) VALUES (?, ?)", (i + 1, line(i)))
    db.execute("COMMIT")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = os.path.getsize(path)
    start = time.perf_counter()
    db.execute("BEGIN")
    db.execute("DROP TABLE records_fts_0")
    db.execute("DROP TABLE records_0")
    db.execute("COMMIT")
    deleted = time.perf_counter() - start
    db.close()
    vacuum(path)
    total = time.perf_counter() - start
    return deleted, total, before, os.path.getsize(path)

print(f"freeing the oldest of 7 days ({per_day:,} of {a.rows:,} records with their FTS5 index), medians of {a.runs} (SQLite {sqlite3.sqlite_version})")
for name, fn in [("delete in 2,000-row batches + incremental vacuum (aclog)", one_table), ("drop a per-day partition + incremental vacuum", partitions)]:
    results = [fn() for _ in range(a.runs)]
    d = statistics.median(r[0] for r in results)
    t = statistics.median(r[1] for r in results)
    b, after = results[0][2], results[0][3]
    print(f"  {name:58} delete {d * 1000:8.0f} ms, with vacuum {t * 1000:8.0f} ms;"
          f" file {b / 1e6:.1f} → {after / 1e6:.1f} MB ({(b - after) / 1e6 / t:.0f} MB freed per s)")

#!/usr/bin/env python3
"""Metrics: `aclog trend --since 30d` and `aclog report --since 24h` on D days of 10 s samples for
N containers (rolled up by `aclog prune`, raw samples kept 7 days as by default), the rollup
catch-up, and the bytes per row of each tier. The baseline: the sqlite3 CLI answering the same
30-day question (min/avg/max per day per container) over raw samples alone, as a store without
rollups would have to. Medians of --runs.

  scripts/bench/metrics.py [--containers 20] [--days 30] [--runs 5] [--seed 1]

The samples follow fixed patterns shifted by --seed: CPU jumping over 0-100 %, memory steady with a
sawtooth, or growing (every fourth container: a leak for the report to flag), network and block I/O
rates in cycles.
"""
import os, shutil, subprocess, time
from common import result, ACLOG, arguments, median

a = arguments(lines=0, containers=20, days=30)
S = 1_000_000_000
now = time.time_ns()
end = now - now % (60 * S)
start = end - a.days * 86_400 * S
per = a.days * 8_640
raw_db = os.path.join(a.work, f"metrics-raw-{a.containers}-{a.days}.db")
db = os.path.join(a.work, f"metrics-{a.containers}-{a.days}.db")

def sql(path, text):
    return subprocess.run(["sqlite3", path], input=text, text=True, check=True, capture_output=True).stdout

for path in (raw_db, db):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
# aclog makes the schema (an import of one line), the sqlite3 CLI fills it.
seed = os.path.join(a.work, "metrics-seed.log")
with open(seed, "w") as f:
    f.write("2026-01-01T00:00:00Z seed\n")
subprocess.run([ACLOG, "import", seed, "--service", "seed", "--db", raw_db], check=True, capture_output=True)
fill = f"""
PRAGMA synchronous = OFF;
BEGIN;
WITH RECURSIVE c(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM c WHERE n + 1 < {a.containers})
INSERT INTO containers (docker_id, name, service, image, state, first_seen, last_seen)
SELECT printf('%064x', n + 4096), 'svc' || n || '-1', 'svc' || n, 'img', 'running', {start}, {end} FROM c;
WITH RECURSIVE t(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM t WHERE i + 1 < {per})
INSERT INTO samples (container, ts, cpu, mem, mem_limit, net_rx, net_tx, block_read, block_write, pids)
SELECT k.id, {start} + t.i * {10 * S},
       ((t.i * 7919 + k.id * 104729 + {a.seed * 15485863}) % 1000) / 10.0,
       100e6 + k.id * 10e6 + (CASE WHEN (k.id + {a.seed}) % 4 = 0 THEN t.i * 40.0 ELSE ((t.i * 31 + {a.seed}) % 97) * 1e5 END),
       2e9, ((t.i * 13 + {a.seed}) % 50) * 1e3, ((t.i * 17 + {a.seed}) % 40) * 1e3, 0, ((t.i * 19 + {a.seed}) % 30) * 1e3, 5 + t.i % 3
FROM t CROSS JOIN (SELECT id FROM containers WHERE service <> 'seed') AS k;
COMMIT;
"""
t0 = time.perf_counter()
sql(raw_db, fill)
print(f"{a.containers} containers x {a.days} days of 10 s samples: {a.containers * per:,} raw samples "
      f"(filled by sqlite3 in {time.perf_counter() - t0:.0f} s)")
shutil.copyfile(raw_db, db)

t0 = time.perf_counter()
pruned = subprocess.run([ACLOG, "prune", "--keep-logs", "forever", "--db", db], check=True, capture_output=True, text=True).stdout.strip()
rollup = time.perf_counter() - t0
print(f"  aclog prune (rollups of every sample into 1m and 1h, then raw older than 7 d removed): {rollup:.1f} s,"
      f" {a.containers * per / rollup:,.0f} samples/s; {pruned}")

def measure(name, args, runs=a.runs, shell=False):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        r = subprocess.run(args, shell=shell, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        times.append(time.perf_counter() - t)
        if r.returncode != 0:
            raise SystemExit(f"{name}: {r.stderr.decode()}")
    m = median(times)
    print(f"  {name:64} {m * 1000:9.1f} ms")
    return m

print(f"medians of {a.runs} runs ({ACLOG})")
trend30 = measure("aclog trend --since 30d (cpu, 1 d buckets, hour tier)", [ACLOG, "trend", "--since", "30d", "-o", "csv", "--db", db])
measure("aclog trend --since 30d --metric all", [ACLOG, "trend", "--since", "30d", "--metric", "all", "-o", "csv", "--db", db])
measure("aclog trend --since 24h --bucket 5m --metric mem (minute tier)", [ACLOG, "trend", "--since", "24h", "--bucket", "5m", "--metric", "mem", "-o", "csv", "--db", db])
measure("aclog trend --since 1h --metric cpu (raw tier)", [ACLOG, "trend", "--since", "1h", "-o", "csv", "--db", db])
report = measure("aclog report --since 24h (html)", [ACLOG, "report", "--since", "24h", "-w", os.path.join(a.work, "metrics-report.html"), "--db", db])
baseline_sql = f"SELECT container, ts / {86_400 * S}, min(cpu), avg(cpu), max(cpu) FROM samples WHERE ts >= {start} GROUP BY 1, 2;"
baseline = measure("sqlite3: the same 30 days from raw samples (no rollups)", f"sqlite3 -readonly {raw_db} '{baseline_sql}' > /dev/null", shell=True)
print(f"  trend --since 30d vs sqlite3 over raw samples: {baseline / trend30:.1f}x faster")

print("storage per row (dbstat: table and its indexes):")
stats = sql(db, """SELECT name, sum(pgsize) FROM dbstat WHERE name IN ('samples', 'samples_1m', 'samples_1h') GROUP BY name;""")
rows = {line.split("|")[0]: int(line.split("|")[1]) for line in stats.split()}
for table in ("samples", "samples_1m", "samples_1h"):
    n = int(sql(db, f"SELECT count(*) FROM {table};"))
    print(f"  {table:11} {n:>10,} rows  {rows.get(table, 0) / 1e6:8.1f} MB  {rows.get(table, 0) / max(n, 1):6.1f} bytes/row")
result("trend --since 30d vs sqlite3 over raw samples", trend30, baseline)
result("report --since 24h", report)

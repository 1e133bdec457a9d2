#!/usr/bin/env python3
"""What alert rules cost ingest: records/s through the collector's whole path (fake docker CLI,
decode, parse, write) with 20 `match` rules, next to the same without rules, runs interleaved in
one session. The issue's limit: the rules cost at most 10 % (ratio >= 0.90). Release build;
medians of --runs.

  scripts/bench/alerts_ingest.py [--lines 1000000] [--runs 5] [--work /tmp/aclog-bench]
"""
import json, os
from common import result, arguments, ACLOG, collect_until, fake_docker, generate, median, meta

# Rules people write: tracebacks, errors of a kind, status codes, phrases, a case-blind word.
PATTERNS = [
    "^Traceback", "ERROR.*timeout", "payment failed", "OOMKilled", "(?i)connection refused", "panic:", "FATAL",
    "deadlock", "\" 5[0-9][0-9] ", "Too many connections", "(?i)out of memory", "segfault", "ECONNRESET",
    "certificate (has )?expired", "disk (is )?full", "Killed process", "unhandled exception", "upstream timed out",
    "[Ss]low query", "Lock wait timeout exceeded",
]

a = arguments(lines=1_000_000)
end = 1_795_000_000_000_000_000
lines = generate(os.path.join(a.work, f"ingest-{a.lines}.docker.txt"), a.lines, "docker", end=end)
docker = fake_docker(a.work, lines)
records = meta(lines)["records"]
config = os.path.join(a.work, "alerts-ingest.json")
with open(config, "w") as f:
    json.dump({"alerts": {"notify": {"hook": {"webhook": "http://127.0.0.1:9/never"}},
                          "rules": [{"name": f"rule{i}", "match": p, "notify": ["hook"]} for i, p in enumerate(PATTERNS)]}}, f)

plain, ruled = [], []
for run in range(a.runs):
    db = os.path.join(a.work, "alerts-ingest.db")
    plain.append(collect_until(db, docker, records))
    ruled.append(collect_until(db, docker, records, extra=["--config", config]))

tp, tr = median(plain), median(ruled)
print(f"ingest of {a.lines:,} lines ({records:,} records), medians of {a.runs} interleaved runs ({ACLOG})")
print(f"  aclog collect, no rules:         {tp:6.2f} s  {records / tp:10,.0f} records/s")
print(f"  aclog collect, 20 match rules:   {tr:6.2f} s  {records / tr:10,.0f} records/s")
print(f"  ratio with rules / without: {tp / tr:.2f}x (limit: 0.90x, rules cost at most 10 %)")
result("alerts_ingest", records / tr, records / tp, unit="records/s", higher_is_better=True, target=0.9)

#!/usr/bin/env python3
"""Parse throughput: lines/s through clean, redact, parse and multi-line assembly, per format of the
corpus and for the mixed generated stream, in process (release build, median of 5), and the share
of ingest time that parsing takes, given scripts/bench/ingest.py's records/s.

  scripts/bench/parse.py [--ingest-rate 226000]
"""
import os, subprocess, sys
from common import ACLOG, ROOT, arguments, generate

a = arguments(lines=200_000, **{"ingest-rate": 0})
corpus = os.path.join(ROOT, "Tests", "ACLogParsingTests", "Fixtures")
cases = [("loguru.log", "python"), ("uvicorn.log", "python"), ("python_traceback.log", "python"), ("gunicorn.log", "python"),
         ("mysql8.log", "mysql"), ("redis.log", "redis"), ("nginx_access.log", "nginx"), ("nginx_error.log", "nginx"),
         ("vite.log", "node"), ("generated/agentchat_backend_uvicorn.log", "agentchat-backend")]
mixed = generate(os.path.join(a.work, "parse-mixed.txt"), 100_000, "docker", end=1_795_000_000_000_000_000)
plain_mixed = os.path.join(a.work, "parse-mixed.plain.txt")
if not os.path.exists(plain_mixed):
    with open(mixed) as f, open(plain_mixed, "w") as out:
        for line in f:
            out.write(line[31:])

def rate(path, image):
    r = subprocess.run([ACLOG, "bench-parse", path, "--image", image, "--lines", str(a.lines), "--runs", str(a.runs)],
                       capture_output=True, text=True, check=True)
    return int(r.stdout.split()[0])

print(f"parse throughput, {a.lines:,} lines a run, medians of {a.runs} ({ACLOG})")
print(f"  {'file':44} {'formats':>10} {'lines/s':>12}")
for name, image in cases:
    print(f"  {name:44} {image:>10} {rate(os.path.join(corpus, name), image):>12,}")
every = rate(plain_mixed, "unknown")
backend = rate(plain_mixed, "agentchat-backend")
print(f"  {'mixed stream (all formats tried)':44} {'unknown':>10} {every:>12,}")
print(f"  {'mixed stream (backend chain)':44} {'backend':>10} {backend:>12,}")
ingest = getattr(a, "ingest_rate", 0) or getattr(a, "ingest-rate", 0)
if ingest:
    print(f"  parsing's share of ingest at {ingest:,} records/s: {100 * ingest / backend:.0f} %")

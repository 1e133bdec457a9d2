#!/usr/bin/env python3
"""Parse throughput: lines/s through clean, redact, parse and multi-line assembly, in process
(release build, medians of --runs), for each stream of the corpus read three ways:
  - with its image's formats (the chain its name ties it to),
  - as a container nothing names, settling on the format its lines show (what aclog does),
  - as a container nothing names, every line down the chain from its start (the baseline, as
    aclog did before formats settled; the same binary, `bench-parse --no-settling`; formats whose
    first bytes rule the line out are skipped in both),
and the generated stream of every service's lines dealt into one. Prints the share of ingest time
that parsing takes, given scripts/bench/ingest.py's records/s.

  scripts/bench/parse.py [--lines 200000] [--runs 5] [--ingest-rate 226000]
"""
import os, subprocess
from common import ACLOG, ROOT, arguments, generate, result

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


def rate(path, image, *more):
    r = subprocess.run([ACLOG, "bench-parse", path, "--image", image, "--lines", str(a.lines), "--runs", str(a.runs), *more],
                       capture_output=True, text=True, check=True)
    return int(r.stdout.split()[0])


print(f"parse throughput, {a.lines:,} lines a run, medians of {a.runs} ({ACLOG})")
print(f"  {'stream':44} {'its image':>10} {'by name':>10} {'settling':>10} {'every fmt':>10} {'ratio':>6}")
settled, every = [], []
for name, image in cases:
    path = os.path.join(corpus, name)
    named, s, e = rate(path, image), rate(path, "unknown"), rate(path, "unknown", "--no-settling")
    settled.append(s)
    every.append(e)
    print(f"  {name:44} {image:>10} {named:>10,} {s:>10,} {e:>10,} {s / e:>5.2f}x")
# The sum of lines over the sum of times: each stream weighs as much as its lines.
settled_rate = len(settled) / sum(1 / r for r in settled)
every_rate = len(every) / sum(1 / r for r in every)
print(f"  {'each stream in turn, as a container nothing names':60} {settled_rate:>10,.0f} {every_rate:>10,.0f} {settled_rate / every_rate:>5.2f}x")
mixed_backend = rate(plain_mixed, "agentchat-backend")
mixed_settling, mixed_every = rate(plain_mixed, "unknown"), rate(plain_mixed, "unknown", "--no-settling")
print(f"  {'every service dealt into one stream':44} {'backend':>10} {mixed_backend:>10,} {mixed_settling:>10,} {mixed_every:>10,} {mixed_settling / mixed_every:>5.2f}x")
result("parse, a container nothing names, settling vs every format", settled_rate, every_rate, unit="lines/s", higher_is_better=True)
result("parse, every service in one stream, settling vs every format", mixed_settling, mixed_every, unit="lines/s", higher_is_better=True)
ingest = getattr(a, "ingest_rate", 0) or getattr(a, "ingest-rate", 0)
if ingest:
    print(f"  parsing's share of ingest at {ingest:,} records/s: {100 * ingest / mixed_backend:.0f} %")

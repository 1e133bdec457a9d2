#!/usr/bin/env python3
"""JSON log lines as zap, logrus or pino write them (level, ts, caller, msg, request fields, a
nested object), for `aclog bench-parse FILE` on the JSON format (docs/performance.md).

  scripts/bench/gen_json_lines.py [--lines 5000] [--seed 3] > /tmp/json.txt
  .build/release/aclog bench-parse /tmp/json.txt --lines 100000
"""
import argparse, json, random

p = argparse.ArgumentParser()
p.add_argument("--lines", type=int, default=5000)
p.add_argument("--seed", type=int, default=3)
a = p.parse_args()
r = random.Random(a.seed)
for i in range(a.lines):
    print(json.dumps({
        "level": r.choice(["info", "warn", "error", "debug"]), "ts": 1795737600 + i * 0.013,
        "caller": f"server/handler.go:{r.randint(10, 400)}",
        "msg": r.choice(["request served", "cache miss", "upstream timeout", "user login"]),
        "method": r.choice(["GET", "POST"]), "path": f"/api/v1/items/{r.randint(1, 99999)}",
        "status": r.choice([200, 200, 201, 404, 500]), "latency_ms": round(r.random() * 200, 3),
        "ok": r.random() > 0.1, "tags": {"region": "eu"},
    }))

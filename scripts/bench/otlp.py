#!/usr/bin/env python3
"""OTLP export: how fast `aclog collect --otlp` drains a backlog of N stored records to a receiver
(protobuf, gzip), against the same collector's ingest of those records measured in the same run;
and what exporting costs live ingest: the same N lines collected with and without --otlp (the
receiver answering at once, so the cost is aclog's: reading, encoding, compressing, posting).
Medians of --runs. The receiver is a small HTTP server that reads each request and answers 200.

  scripts/bench/otlp.py [--lines 1000000] [--runs 3]
"""
import os, socket, subprocess, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from common import result, ACLOG, arguments, collect_until, fake_docker, generate, median, meta

a = arguments(lines=1_000_000, runs=3)
lines = generate(os.path.join(a.work, f"ingest-{a.lines}.docker.txt"), a.lines, "docker", end=1_795_000_000_000_000_000)
docker = fake_docker(a.work, lines)
records = meta(lines)["records"]

received = {"requests": 0, "bytes": 0}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        received["requests"] += 1
        received["bytes"] += len(body)
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
url = f"http://127.0.0.1:{server.server_address[1]}"

# A docker with no containers: the collector only exports what the database holds.
idle_docker = os.path.join(a.work, "fake-docker-idle")
with open(idle_docker, "w") as f:
    f.write('#!/bin/sh\ncase "$1" in\n  version) echo 20.10.24 ;;\n  events) exec sleep 3600 ;;\nesac\n')
os.chmod(idle_docker, 0o755)


def sql(db, query):
    r = subprocess.run(["sqlite3", "-readonly", db, query], capture_output=True, text=True)
    return r.stdout.strip() if r.returncode == 0 else ""


def drain_seconds(db):
    """Starts a collector that exports the database's backlog; seconds until all is acknowledged."""
    subprocess.run(["sqlite3", db, "DELETE FROM export_cursors"], check=False, capture_output=True)
    newest = int(sql(db, "SELECT max(id) FROM records"))
    started = time.perf_counter()
    proc = subprocess.Popen([ACLOG, "collect", "--db", db, "--docker", idle_docker, "--otlp", url], stderr=subprocess.DEVNULL)
    try:
        while (sql(db, "SELECT last_id FROM export_cursors") or "0") != str(newest):
            if time.perf_counter() - started > 600:
                raise RuntimeError("the backlog was not drained in 600 s")
            time.sleep(0.02)
        return time.perf_counter() - started
    finally:
        proc.terminate()
        proc.wait()


plain, exported, drains = [], [], []
for run in range(a.runs):
    db = os.path.join(a.work, "otlp-plain.db")
    plain.append(collect_until(db, docker, records))
    exported.append(collect_until(os.path.join(a.work, "otlp-live.db"), docker, records, extra=["--otlp", url]))
    drains.append(drain_seconds(db))

tp, te, td = median(plain), median(exported), median(drains)
print(f"OTLP export of {a.lines:,} lines ({records:,} records), medians of {a.runs} runs ({ACLOG})")
print(f"  ingest, no export:              {tp:6.2f} s  {records / tp:10,.0f} records/s")
print(f"  ingest while exporting live:    {te:6.2f} s  {records / te:10,.0f} records/s  (cost {100 * (te - tp) / tp:+.1f} %, limit 15 %)")
print(f"  backlog drained to a receiver:  {td:6.2f} s  {records / td:10,.0f} records/s  (target 50,000; {tp / td:.2f}x ingest)")
print(f"  the receiver took {received['requests']:,} requests, {received['bytes'] / 1e6:,.1f} MB compressed")
result("otlp drain", records / td, records / tp, unit="records/s", higher_is_better=True)
result("otlp live ingest", records / te, records / tp, unit="records/s", higher_is_better=True)

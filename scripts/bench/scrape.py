#!/usr/bin/env python3
"""Scrape: how long `GET /metrics` takes on a host with N running containers (a day of 10 s samples
each, their running totals, events, records by level), served by `aclog serve`; the baseline is the
same server answering a static file (/assets/app.css), measured in the same run. Then whether a
scrape holds the writer: commits of a writer (one sample row each) timed while another thread
scrapes without pause, against the same commits with no scrape. Medians of --runs scrapes.

  scripts/bench/scrape.py [--containers 50] [--runs 200]
"""
import os, socket, sqlite3, statistics, subprocess, threading, time, urllib.request
from common import result, ACLOG, arguments, median

a = arguments(lines=0, runs=200, containers=50)
S = 1_000_000_000
now = time.time_ns()
db = os.path.join(a.work, f"scrape-{a.containers}.db")
for suffix in ("", "-wal", "-shm"):
    if os.path.exists(db + suffix):
        os.remove(db + suffix)
# aclog makes the database (schema, owner-only file); the containers and their history go in beside.
seed = os.path.join(a.work, "scrape-seed.log")
with open(seed, "w") as f:
    f.write("2026-12-05T05:00:00.000000000Z seed\n")
subprocess.run([ACLOG, "import", seed, "--service", "seed", "--db", db], check=True, capture_output=True)
con = sqlite3.connect(db)
con.execute("DELETE FROM records")
con.execute("DELETE FROM record_counts")
con.execute("DELETE FROM checkpoints")
for table in ("record_totals", "response_totals", "container_counters", "containers"):
    con.execute(f"DELETE FROM {table}")
day = 8_640
start = now - day * 10 * S
for c in range(1, a.containers + 1):
    con.execute("INSERT INTO containers (id, docker_id, name, service, project, image, state, first_seen, last_seen, cpu_limit) "
                "VALUES (?, ?, ?, ?, 'bench', 'app:1', 'running', ?, ?, ?)",
                (c, f"{c:064x}", f"bench-svc{c % 10}-{c}", f"svc{c % 10}", start, now, 50.0 if c % 2 else None))
    con.executemany("INSERT INTO samples (container, ts, cpu, mem, mem_limit, net_rx, net_tx, block_read, block_write, pids) "
                    "VALUES (?, ?, ?, ?, ?, 10, 20, 0, 0, 3)",
                    ((c, start + i * 10 * S, (i * 7 + c) % 100, 100e6 + i, 512e6 if c % 3 else None) for i in range(day)))
    con.execute("INSERT INTO container_counters VALUES (?, ?, ?, ?, 0, 0, 0, 1)", (c, 1234.5, 1e9, 2e9))
    con.executemany("INSERT INTO record_totals VALUES (?, ?, ?, ?)", ((c, s, l, 1000 * l) for s in (1, 2) for l in range(7)))
    con.executemany("INSERT INTO response_totals VALUES (?, ?, ?)", ((c, k, 100 * k) for k in range(2, 6)))
    con.executemany("INSERT INTO events (ts, container, action) VALUES (?, ?, ?)",
                    ((start + i * 3_600 * S, c, action) for i in range(24) for action in ("die", "start")))
con.commit()
con.close()

with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
server = subprocess.Popen([ACLOG, "serve", "--db", db, "--listen", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def get(path):
    started = time.perf_counter()
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
        body = response.read()
    return time.perf_counter() - started, body


try:
    deadline = time.time() + 20
    while True:
        try:
            get("/assets/app.css")
            break
        except OSError:
            if time.time() > deadline:
                raise
            time.sleep(0.1)
    _, body = get("/metrics")
    series = sum(1 for line in body.split(b"\n") if line.startswith(b"container_cpu_usage_seconds_total{"))
    assert series == a.containers, f"{series} containers in /metrics, expected {a.containers}"
    scrapes = [get("/metrics")[0] for _ in range(a.runs)]
    statics = [get("/assets/app.css")[0] for _ in range(a.runs)]

    # A writer's commits with and without a scraper running beside it.
    writer = sqlite3.connect(db, timeout=10)
    writer.execute("PRAGMA journal_mode=WAL")

    def commits(n, base):
        times = []
        for i in range(n):
            t = time.perf_counter()
            writer.execute("INSERT INTO samples (container, ts, cpu) VALUES (1, ?, 1)", (now + (base + i) * S,))
            writer.commit()
            times.append(time.perf_counter() - t)
        return times

    quiet = commits(a.runs, 1)
    stop = threading.Event()
    during = []

    def scrape_loop():
        while not stop.is_set():
            during.append(get("/metrics")[0])

    scraper = threading.Thread(target=scrape_loop)
    scraper.start()
    time.sleep(0.2)
    busy = commits(a.runs, 10 * a.runs)
    stop.set()
    scraper.join()
finally:
    server.terminate()
    server.wait()

p99 = lambda xs: sorted(xs)[int(len(xs) * 0.99) - 1]
ms = lambda x: x * 1000
print(f"/metrics of {a.containers} running containers ({len(body):,} bytes), medians of {a.runs} ({ACLOG})")
print(f"  GET /metrics:          median {ms(median(scrapes)):6.2f} ms, p99 {ms(p99(scrapes)):6.2f} ms (limit 50 ms)")
print(f"  GET /assets/app.css:   median {ms(median(statics)):6.2f} ms (the server's floor)")
print(f"  a writer's commit:     median {ms(median(quiet)):6.2f} ms, p99 {ms(p99(quiet)):6.2f} ms with no scrape")
print(f"                         median {ms(median(busy)):6.2f} ms, p99 {ms(p99(busy)):6.2f} ms while {len(during)} scrapes ran")
result("scrape", median(scrapes), median(statics), limit=0.05)
result("scrape_writer_commit", median(busy), median(quiet))

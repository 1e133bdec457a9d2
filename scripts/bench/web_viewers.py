#!/usr/bin/env python3
"""What open live pages cost the collector: `aclog collect --serve` while N containers print R
lines/s each, its CPU with no page open and with V live `/logs` streams open (each reading its
rows as a browser would), alternated over several rounds; the medians and their difference in
percent of one core (the issue's limit: 50 pages <= 5 %). Needs a Docker engine (DOCKER_HOST).

  scripts/bench/web_viewers.py [--viewers 50] [--containers 20] [--rate 50] [--seconds 10] [--runs 3]
"""
import os, socket, subprocess, threading, time
from common import result, ACLOG, arguments, median, cpu_seconds, free_port, run_container

a = arguments(lines=0, runs=3, viewers=50, containers=20, rate=50, seconds=10)

names = [f"bench-web-{i}" for i in range(a.containers)]
subprocess.run(["docker", "rm", "-f", *names], capture_output=True)
if subprocess.run(["docker", "ps", "-aq"], capture_output=True, text=True, check=True).stdout.split():
    raise SystemExit("this engine has other containers: run on an empty engine")
for i, name in enumerate(names):
    script = f"i=0; while true; do i=$((i+1)); echo \"INFO: request $i served in 12ms path=/api/v1/items/$i status=200\"; sleep {1.0 / a.rate}; done"
    run_container(name, f"svc{i}", script)

db = os.path.join(a.work, "web-viewers.db")
for suffix in ("", "-wal", "-shm", ".lock"):
    if os.path.exists(db + suffix):
        os.remove(db + suffix)
port = free_port()
proc = subprocess.Popen([ACLOG, "collect", "--db", db, "--no-stats", "--serve", f"127.0.0.1:{port}"], stderr=subprocess.DEVNULL)

received = [0] * a.viewers
def viewer(k, stop):
    """A live logs page: one service's stream (and every fifth all services), read until told to stop."""
    query = "" if k % 5 == 0 else f"service=svc{k % a.containers}&"
    with socket.create_connection(("127.0.0.1", port)) as s:
        s.sendall(f"GET /logs/stream?{query}after=0 HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        s.settimeout(0.5)
        while not stop.is_set():
            try:
                chunk = s.recv(65536)
            except socket.timeout:
                continue
            if not chunk:
                break
            received[k] += chunk.count(b"data: <div class=\"rec")

def measure(seconds):
    start_cpu, start = cpu_seconds(proc.pid), time.perf_counter()
    time.sleep(seconds)
    return 100 * (cpu_seconds(proc.pid) - start_cpu) / (time.perf_counter() - start)

try:
    time.sleep(4)  # followers started, first commits done
    alone, watched = [], []
    for _ in range(a.runs):
        alone.append(measure(a.seconds))
        stop = threading.Event()
        threads = [threading.Thread(target=viewer, args=(k, stop), daemon=True) for k in range(a.viewers)]
        for t in threads:
            t.start()
        time.sleep(1)
        watched.append(measure(a.seconds))
        stop.set()
        for t in threads:
            t.join(timeout=5)
finally:
    proc.terminate()
    proc.wait()
    subprocess.run(["docker", "rm", "-f", *names], capture_output=True)
rate = a.containers * a.rate
print(f"collector --serve with {a.containers} containers x {a.rate} lines/s (~{rate} lines/s), {a.runs} rounds of {a.seconds} s")
print(f"  no page open:        CPU {median(alone):5.2f}% of one core (median; {', '.join(f'{x:.2f}' for x in alone)})")
print(f"  {a.viewers} live pages open: CPU {median(watched):5.2f}% of one core (median; {', '.join(f'{x:.2f}' for x in watched)})")
print(f"  rows the pages received: {sum(received):,} (every page got some: {all(received)})")
if not all(received):
    raise SystemExit("a live page received no rows: the measure would flatter the server")
result(f"collector CPU with {a.viewers} live pages, more than none (% of a core)", median(watched) - median(alone), unit="%", limit=5.0)

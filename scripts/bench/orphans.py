#!/usr/bin/env python3
"""How soon a collector's docker processes end after it is killed with SIGKILL: a quiet container
(its `docker logs -f` never ends by itself), `docker events` and `docker stats` running; the
collector's children are polled in /proc every 1 ms until none runs. Needs a Docker engine
(DOCKER_HOST) with no other containers, and root.

  scripts/bench/orphans.py [--runs 6]
"""
import os, signal, subprocess, time
from common import ACLOG, arguments, median, run_container, result

a = arguments(lines=0, runs=6)

def running(pid):
    try:
        return open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False

def children(parent):
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if int(open(f"/proc/{entry}/stat").read().rsplit(")", 1)[1].split()[1]) == parent:
                    found.append(int(entry))
            except OSError:
                pass
    return found

run_container("orphans-quiet", "quiet", "sleep 3600")
db = os.path.join(a.work, "orphans.db")
times = []
try:
    for _ in range(a.runs):
        for suffix in ("", "-wal", "-shm", ".lock"):
            if os.path.exists(db + suffix):
                os.remove(db + suffix)
        collector = subprocess.Popen([ACLOG, "collect", "--db", db], stderr=subprocess.DEVNULL)
        time.sleep(2.5)
        kids = children(collector.pid)
        start = time.monotonic()
        collector.send_signal(signal.SIGKILL)
        collector.wait()
        while any(running(k) for k in kids):
            if time.monotonic() - start > 10:
                raise SystemExit(f"still running 10 s after SIGKILL: {[k for k in kids if running(k)]}")
            time.sleep(0.001)
        times.append(time.monotonic() - start)
        print(f"  {len(kids)} children gone {1000 * times[-1]:.1f} ms after SIGKILL")
finally:
    subprocess.run(["docker", "rm", "-f", "orphans-quiet"], capture_output=True)
result("docker processes gone after a collector's SIGKILL", median(times), limit=2.0)

#!/usr/bin/env python3
"""Follow lag: from a container's write to the line on `aclog tail -f`'s output, while one
container prints about R lines/s and another prints a traceback every 2 s (a record that stays
open while its lines come), next to `docker logs -f --timestamps` of the same container (the
baseline: how fast Docker itself hands the line over). The lag of a line is the time it was read
from the follower's output minus its Docker timestamp (one clock: the same machine). Medians
and p99 over S seconds after a warm-up. Needs a Docker engine (DOCKER_HOST) with no other
containers, and root.

  scripts/bench/follow_lag.py [--rate 1000] [--seconds 20] [--tracebacks 0|1]

With --tracebacks 0 (the steady case) the figures have limits: p50 150 ms, p99 400 ms.
"""
import json, os, subprocess, threading, time
from common import result, ACLOG, arguments, run_container, ns, percentile

a = arguments(lines=0, rate=1000, seconds=20, tracebacks=1)

def lags(command, parse, seconds):
    """Runs `command`, reads its lines for `seconds`, returns each line's lag in ms."""
    out = []
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    stop = time.time() + seconds
    def read():
        for line in proc.stdout:
            now = time.time_ns()
            stamp = parse(line)
            if stamp is not None:
                out.append((now - stamp) / 1e6)
    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    time.sleep(max(0, stop - time.time()))
    proc.terminate()
    proc.wait()
    return out

others = subprocess.run(["docker", "ps", "-aq"], capture_output=True, text=True, check=True).stdout.split()
if others:
    raise SystemExit("this engine has other containers: run on an empty engine")
# A batch of lines every 10 ms: busybox's usleep cannot sleep 1 ms per line.
per_batch = max(1, a.rate // 100)
busy = f"i=0; while :; do j=0; while [ $j -lt {per_batch} ]; do i=$((i+1)); j=$((j+1)); echo \"INFO request $i served\"; done; usleep 10000; done"
tracebacks = ("while :; do echo 'ERROR failed' >&2; usleep 300000; echo 'Traceback (most recent call last):' >&2; usleep 300000; "
              "echo '  File \"app.py\", line 3, in main' >&2; echo 'ValueError: boom' >&2; usleep 1400000; done")
for name, script in [("lag-busy", busy)] + ([("lag-tb", tracebacks)] if a.tracebacks else []):
    run_container(name, name, script)
db = os.path.join(a.work, "lag.db")
for suffix in ("", "-wal", "-shm", ".lock"):
    if os.path.exists(db + suffix):
        os.remove(db + suffix)
collector = subprocess.Popen([ACLOG, "collect", "--db", db, "--no-stats"], stderr=subprocess.DEVNULL)
try:
    time.sleep(3)
    def aclog_time(line):
        record = json.loads(line)
        return ns(record["time"]) if "type" not in record and record.get("service") == "lag-busy" else None
    def docker_time(line):
        return ns(line.split(b" ", 1)[0].decode())
    warm = 3
    mine = lags([ACLOG, "tail", "-f", "-n", "0", "-o", "json", "--db", db], aclog_time, a.seconds + warm)
    theirs = lags(["docker", "logs", "-f", "--timestamps", "--since", "1s", "lag-busy"], docker_time, a.seconds + warm)
finally:
    collector.terminate()
    collector.wait()
    subprocess.run(["docker", "rm", "-f", "lag-busy", "lag-tb"], capture_output=True)
# Leave out the warm-up: a share of the lines as long as it.
mine = mine[len(mine) * warm // (a.seconds + warm):]
theirs = theirs[len(theirs) * warm // (a.seconds + warm):]
rate = len(mine) / a.seconds
print(f"follow lag at {rate:,.0f} lines/s over {a.seconds} s" + (", with a traceback open every 2 s" if a.tracebacks else ""))
print(f"  aclog tail -f:           p50 {percentile(mine, 0.5):7.1f} ms  p99 {percentile(mine, 0.99):7.1f} ms  ({len(mine):,} lines)")
print(f"  docker logs -f (Docker): p50 {percentile(theirs, 0.5):7.1f} ms  p99 {percentile(theirs, 0.99):7.1f} ms  ({len(theirs):,} lines)")
if a.tracebacks:
    # Not the steady case: every line written while the other container's traceback is
    # open (about 0.7 s of each 2 s here, its lines 300 ms apart) waits for it, as time order asks.
    result("tail -f lag p50, a traceback open every 2 s", percentile(mine, 0.5) / 1000, percentile(theirs, 0.5) / 1000)
    result("tail -f lag p99, a traceback open every 2 s", percentile(mine, 0.99) / 1000, percentile(theirs, 0.99) / 1000)
else:
    result("tail -f lag p50", percentile(mine, 0.5) / 1000, percentile(theirs, 0.5) / 1000, limit=0.150)
    result("tail -f lag p99", percentile(mine, 0.99) / 1000, percentile(theirs, 0.99) / 1000, limit=0.400)

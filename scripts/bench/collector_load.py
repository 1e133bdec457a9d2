#!/usr/bin/env python3
"""Collector cost: CPU and peak RSS of `aclog collect` while N containers print R lines/s each,
over S seconds, next to the CPU of the `docker logs -f` processes it runs and of its one
`docker stats` (the baselines: what reading the logs and the stats costs at all). --rate 0: the
containers print nothing, so only sampling costs. Needs a Docker engine (DOCKER_HOST) and root.

  scripts/bench/collector_load.py [--containers 20] [--rate 50] [--seconds 60]
"""
import os, subprocess, time
from common import result, ACLOG, arguments, cpu_seconds, run_container

a = arguments(lines=0, containers=20, rate=50, seconds=60)

def peak_rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0

def children(pid):
    # The processes whose parent is pid, read from /proc (no procps needed).
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    if int(f.read().rsplit(")", 1)[1].split()[1]) == pid:
                        found.append(int(entry))
            except (OSError, ValueError, IndexError):
                pass
    return found

names = [f"bench-load-{i}" for i in range(a.containers)]
subprocess.run(["docker", "rm", "-f", *names], capture_output=True)
others = subprocess.run(["docker", "ps", "-aq"], capture_output=True, text=True, check=True).stdout.split()
if others:
    raise SystemExit("this engine has other containers, whose logs the collector would read too: "
                     "run on an empty engine (ACLOG_ENGINE_DIR=/tmp/aclog-bench-engine scripts/engine.sh start)")
for i, name in enumerate(names):
    script = (f"i=0; while true; do i=$((i+1)); echo \"$(date +%H:%M:%S) INFO: request $i served in 12ms path=/api/v1/items/$i status=200\"; sleep {1.0 / a.rate}; done"
              if a.rate > 0 else "exec sleep 3600")
    run_container(name, f"svc{i}", script)

db = os.path.join(a.work, "load.db")
for suffix in ("", "-wal", "-shm"):
    if os.path.exists(db + suffix):
        os.remove(db + suffix)
proc = subprocess.Popen([ACLOG, "collect", "--db", db], stderr=subprocess.DEVNULL)
time.sleep(3)  # followers started
followers = children(proc.pid)
start_cpu = cpu_seconds(proc.pid)
start_children = {pid: cpu_seconds(pid) for pid in followers}
start = time.perf_counter()
time.sleep(a.seconds)
elapsed = time.perf_counter() - start
collector_cpu = cpu_seconds(proc.pid) - start_cpu
def is_stats(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return b"\0stats\0" in f.read()
    except OSError:
        return False
stats_pids = {pid for pid in start_children if is_stats(pid)}
docker_cpu = sum(cpu_seconds(pid) - t for pid, t in start_children.items() if os.path.exists(f"/proc/{pid}") and pid not in stats_pids)
stats_cpu = sum(cpu_seconds(pid) - start_children[pid] for pid in stats_pids if os.path.exists(f"/proc/{pid}"))
rss = peak_rss_kib(proc.pid)
proc.terminate()
proc.wait()
stored = int(subprocess.run(["sqlite3", db, "SELECT count(*) FROM records"], capture_output=True, text=True).stdout.strip())
samples = int(subprocess.run(["sqlite3", db, "SELECT count(*) FROM samples"], capture_output=True, text=True).stdout.strip())
subprocess.run(["docker", "rm", "-f", *names], capture_output=True)
rate = a.containers * a.rate
print(f"collector with {a.containers} containers x {a.rate} lines/s (~{rate} lines/s) over {elapsed:.0f} s; {stored:,} records, {samples:,} resource samples stored")
print(f"  aclog collect:       CPU {100 * collector_cpu / elapsed:5.2f}% of one core, peak RSS {rss / 1024:.1f} MiB")
print(f"  its {len(start_children) - len(stats_pids)} docker logs -f / events children: CPU {100 * docker_cpu / elapsed:5.2f}% of one core")
print(f"  its docker stats child: CPU {100 * stats_cpu / elapsed:5.2f}% of one core")
if docker_cpu + stats_cpu > 0:
    print(f"  ratio aclog / its docker CLI children (CPU): {collector_cpu / (docker_cpu + stats_cpu):.2f}")
# The limits hold at 1,000 lines/s: 2 % of one core and 25 MB (23.8 MiB).
at_target_rate = rate == 1000
result(f"collector CPU at {rate} lines/s (% of a core)", 100 * collector_cpu / elapsed, 100 * (docker_cpu + stats_cpu) / elapsed,
       unit="%", limit=2.0 if at_target_rate else None)
result(f"collector peak RSS at {rate} lines/s", rss / 1024, unit="MiB", limit=25e6 / 2**20 if at_target_rate else None)

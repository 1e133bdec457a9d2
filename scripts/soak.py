#!/usr/bin/env python3
"""Soak and faults: 5 containers print 1,000 numbered lines/s each for --seconds (default 120) on
a private engine, while the collector is SIGKILLed at random 10 times, the engine is stopped and
started once, one container is restarted 20 times, retention keeps the database under --max-size
(default 25MB), and another process queries in a loop. Then every container's `docker logs` is
compared with what aclog stored. Prints one table. Needs root (it runs its own dockerd) and a
release build (ACLOG_BIN to use another binary).

  scripts/soak.py [--seconds 120] [--max-size 25MB]

Lost: lines Docker holds, newer than the oldest record aclog still keeps of that container (older
ones went to retention), that aclog does not have. Duplicated: lines aclog holds more often than
Docker does. Lag: the Docker time of the newest line Docker holds of one container minus that of
the newest record aclog holds of it, sampled about every 0.5 s (not while the engine is down).
"""
import argparse, collections, json, os, random, signal, statistics, subprocess, sys, threading, time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
ACLOG = os.environ.get("ACLOG_BIN", os.path.join(ROOT, ".build", "release", "aclog"))
p = argparse.ArgumentParser()
p.add_argument("--seconds", type=int, default=120)
p.add_argument("--max-size", default="25MB")
p.add_argument("--work", default="/tmp/aclog-soak")
a = p.parse_args()
os.makedirs(a.work, exist_ok=True)
env = dict(os.environ, ACLOG_ENGINE_DIR=os.path.join(a.work, "engine"))
engine = os.path.join(ROOT, "scripts", "engine.sh")

def sh(args, **kw):
    return subprocess.run(args, env=env, capture_output=True, text=True, **kw)

def start_engine():
    out = sh([engine, "start"], check=True).stdout.strip().splitlines()[-1]
    env["DOCKER_HOST"] = out.split("=", 1)[1]

start_engine()
names = [f"soak-{i}" for i in range(5)]
sh(["docker", "rm", "-f", *names])
for name in names:
    # 100 lines every 0.1 s: about 1,000 lines/s, each "<name> <run> <seq> <padding>".
    script = (f"run=$(date +%s%N); i=0; while true; do j=0; while [ $j -lt 100 ]; do i=$((i+1)); j=$((j+1)); "
              f"echo \"{name} $run $i soak-padding-0123456789abcdefghijklmnopqrstuvwxyz\"; done; usleep 100000; done")
    sh(["docker", "run", "-d", "--name", name, "--network", "none", "--restart", "always",
        "--label", f"com.docker.compose.service={name}", "aclog-busybox", "sh", "-c", script], check=True)

db = os.path.join(a.work, "soak.db")
for suffix in ("", "-wal", "-shm"):
    if os.path.exists(db + suffix):
        os.remove(db + suffix)
log_path = os.path.join(a.work, "collect.log")
log = open(log_path, "w")
peak_rss = 0
collector = None

def start_collector():
    global collector
    collector = subprocess.Popen([ACLOG, "collect", "--db", db, "--max-size", a.max_size, "--keep-logs", "forever"],
                                 env=env, stdout=log, stderr=log)

def watch_rss():
    global peak_rss
    while not done.is_set():
        try:
            with open(f"/proc/{collector.pid}/status") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        peak_rss = max(peak_rss, int(line.split()[1]))
        except (OSError, AttributeError):
            pass
        time.sleep(0.5)

engine_down = threading.Event()
done = threading.Event()
lags, latencies, query_errors, db_sizes = [], [], [], []

def rfc3339_nanos(ts):
    seconds = int(time.mktime(time.strptime(ts[:19], "%Y-%m-%dT%H:%M:%S")) - time.timezone)
    return seconds * 1_000_000_000 + int(ts[20:29].ljust(9, "0"))

def query_loop():
    # Another process asking all along: the newest record of one container (against the newest
    # line Docker has of it: the lag), and a search.
    k = 0
    while not done.is_set():
        k += 1
        args = ([ACLOG, "tail", names[1], "-n", "1", "-o", "json", "--db", db] if k % 2 else
                [ACLOG, "grep", "-F", f" {random.randint(1, 1000)} ", "--since", "30s", "-c", "--db", db])
        t = time.perf_counter()
        r = subprocess.run(args, env=env, capture_output=True, text=True)
        latencies.append(time.perf_counter() - t)
        if r.returncode not in (0, 1) or (r.returncode == 1 and k % 2):
            if os.path.exists(db):
                query_errors.append(r.stderr.strip()[:200])
        elif k % 2 and r.stdout.strip() and not engine_down.is_set():
            records = [o for o in map(json.loads, r.stdout.strip().splitlines()) if o.get("type") != "gap"]
            newest = sh(["docker", "logs", "--tail", "1", "--timestamps", names[1]]).stdout.split(" ", 1)[0]
            if records and newest.startswith("20"):
                lags.append(max(0, rfc3339_nanos(newest) - rfc3339_nanos(records[-1]["time"])) / 1e9)
        if os.path.exists(db):
            wal = os.path.getsize(db + "-wal") if os.path.exists(db + "-wal") else 0
            db_sizes.append((os.path.getsize(db) + wal, wal))
        time.sleep(0.25)

start_collector()
threads = [threading.Thread(target=query_loop), threading.Thread(target=watch_rss)]
for t in threads:
    t.start()

begin = time.time()
kills = sorted(random.uniform(5, a.seconds - 10) for _ in range(10))
restarts = sorted(random.uniform(5, a.seconds - 10) for _ in range(20))
engine_at = a.seconds / 2
events = [(t, "kill") for t in kills] + [(t, "restart") for t in restarts] + [(engine_at, "engine")]
for at, what in sorted(events):
    time.sleep(max(0, begin + at - time.time()))
    if what == "kill":
        collector.send_signal(signal.SIGKILL)
        collector.wait()
        start_collector()
    elif what == "restart":
        sh(["docker", "restart", "-t", "0", names[0]])
    else:
        engine_down.set()
        sh([engine, "stop"])
        time.sleep(3)
        start_engine()
        time.sleep(5)  # the containers come back (restart policy) and print again
        engine_down.clear()
time.sleep(max(0, begin + a.seconds - time.time()))
sh(["docker", "stop", "-t", "0", *names])
time.sleep(5)  # the collector reads to the end
collector.send_signal(signal.SIGTERM)
collector.wait(timeout=30)
done.set()
for t in threads:
    t.join()

# Ground truth: what Docker holds, per container, against what aclog stored.
sent = lost = duplicated = stored_total = 0
for name in names:
    docker_lines = sh(["docker", "logs", name]).stdout.splitlines()
    r = subprocess.run([ACLOG, "tail", name, "-o", "json", "-n", "100000000", "--db", db], env=env, capture_output=True, text=True)
    stored = [json.loads(l) for l in r.stdout.splitlines()]
    stored = [o for o in stored if o.get("type") != "gap"]
    stored_lines = [o.get("raw", o["message"]) for o in stored]
    stored_total += len(stored_lines)
    sent += len(docker_lines)
    have = collections.Counter(stored_lines)
    want = collections.Counter(docker_lines)
    duplicated += sum(max(0, have[l] - want[l]) for l in have)
    # Lines older than the oldest kept one went to retention; count only the rest as lost.
    oldest_kept = docker_lines.index(stored_lines[0]) if stored_lines and stored_lines[0] in want else 0
    kept_window = collections.Counter(docker_lines[oldest_kept:])
    lost += sum(max(0, kept_window[l] - have[l]) for l in kept_window)

held = [int(x.split("held ")[1].split(" ms")[0]) for x in open(log_path) if "writer was held" in x]
p99 = lambda xs: statistics.quantiles(xs, n=100)[98] if len(xs) >= 2 else (xs[0] if xs else float("nan"))
print(f"soak: {a.seconds} s, 5 containers x ~1,000 lines/s, 10 collector SIGKILLs, 1 engine restart, "
      f"{names[0]} restarted 20 times, --max-size {a.max_size}, queries in a loop")
rows = [
    ("lines Docker holds (sent)", f"{sent:,}"),
    ("stored now (after retention)", f"{stored_total:,}"),
    ("lost (newer than retention's cut)", f"{lost:,}"),
    ("duplicated", f"{duplicated:,}"),
    ("lag print → queryable, max / p99", f"{max(lags):.2f} s / {p99(lags):.2f} s" if lags else "-"),
    ("query latency during ingest, p99", f"{p99(latencies) * 1000:.0f} ms over {len(latencies)} queries"),
    ("query errors", f"{len(query_errors)}" + (f" (first: {query_errors[0]})" if query_errors else "")),
    ("writer's longest hold", f"{max(held)} ms" if held else "under 250 ms (none logged)"),
    ("database + WAL on disk, max seen", f"{max(db_sizes)[0] / 1e6:.1f} MB (WAL then {max(db_sizes)[1] / 1e6:.1f} MB; limit {a.max_size})" if db_sizes else "-"),
    ("volume through it", f"{sent * 225 / 1e6:.0f} MB at aclog's 225 bytes per record"),
    ("collector peak RSS", f"{peak_rss / 1024:.1f} MiB"),
]
for k, v in rows:
    print(f"  {k:38} {v}")
sh(["docker", "rm", "-f", *names])
sh([engine, "stop"])

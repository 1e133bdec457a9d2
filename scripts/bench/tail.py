#!/usr/bin/env python3
"""Tail: `aclog tail stack --since T` on a database of N lines spread over 7 days, next to
`docker logs --since T` on a real engine container whose json-file holds the same N lines.
Needs a Docker engine (DOCKER_HOST, e.g. from scripts/engine.sh start) and root. Medians of --runs.

  scripts/bench/tail.py [--lines 5000000] [--runs 5] [--work /tmp/aclog-bench]
"""
import datetime, os, shutil, subprocess, time
from common import result, arguments, ACLOG, collect_until, fake_docker, generate, median, meta

a = arguments(lines=5_000_000)
end = (time.time_ns() // 3_600_000_000_000) * 3_600_000_000_000  # this hour, so files can be reused
since_ns = end - 3_600_000_000_000
since = datetime.datetime.fromtimestamp(since_ns // 1_000_000_000, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

docker_lines = generate(os.path.join(a.work, f"tail-{a.lines}-{end}.docker.txt"), a.lines, "docker", end=end)
json_lines = generate(os.path.join(a.work, f"tail-{a.lines}-{end}-json.log"), a.lines, "json", end=end)

# The engine side: a stopped container whose json-file is replaced by the generated one.
subprocess.run(["docker", "rm", "-f", "bench-tail"], capture_output=True)
subprocess.run(["docker", "run", "--name", "bench-tail", "--network", "none", "--label", "com.docker.compose.service=stack",
                "aclog-busybox", "true"], check=True, capture_output=True)
log_path = subprocess.run(["docker", "inspect", "-f", "{{.LogPath}}", "bench-tail"], capture_output=True, text=True, check=True).stdout.strip()
shutil.copyfile(json_lines, log_path)

# The aclog side: the same lines collected through a stand-in docker CLI.
db = os.path.join(a.work, "tail.db")
records = meta(docker_lines)["records"]
ingest = collect_until(db, fake_docker(a.work, docker_lines), records, timeout=1800)

def timed(args):
    start = time.perf_counter()
    r = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=True)
    # docker logs prints the container's stderr lines on its stderr.
    return time.perf_counter() - start, r.stdout.count(b"\n") + r.stderr.count(b"\n")

aclog_runs = [timed([ACLOG, "tail", "stack", "--since", since, "-o", "raw", "--db", db]) for _ in range(a.runs)]
docker_runs = [timed(["docker", "logs", "--since", since, "bench-tail"]) for _ in range(a.runs)]
subprocess.run(["docker", "rm", "-f", "bench-tail"], capture_output=True)
ta, tb = median([t for t, _ in aclog_runs]), median([t for t, _ in docker_runs])
na, nb = aclog_runs[0][1], docker_runs[0][1]
print(f"tail over {a.lines:,} lines in 7 days, --since {since} (last hour), medians of {a.runs} runs")
print(f"  (database filled by aclog collect in {ingest:.1f} s: {records / ingest:,.0f} records/s; {os.path.getsize(db) / a.lines:.0f} bytes/line vs json-file {os.path.getsize(json_lines) / a.lines:.0f})")
print(f"  aclog tail stack --since:    {ta * 1000:8.1f} ms  {na:,} lines")
print(f"  docker logs --since:         {tb * 1000:8.1f} ms  {nb:,} lines")
print(f"  aclog is {tb / ta:.0f}x faster" + ("" if na == nb else f"  (LINE COUNTS DIFFER: {na} vs {nb})"))
result("tail --since 1h", ta, tb, target=100.0)
result("bytes per stored line", os.path.getsize(db) / a.lines, os.path.getsize(json_lines) / a.lines, unit="bytes", target=1.0)

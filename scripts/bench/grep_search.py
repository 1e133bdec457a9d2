#!/usr/bin/env python3
"""Search: `aclog grep` for a rare and a common token, with --since 1h and 7d, on N lines over 7
days, next to `grep -F` over the same lines as one text file, Debian's lnav asked for the lines
holding the token in its SQL over that file (installed if missing), and `docker logs --since 7d |
grep -F` on a real engine container whose json-file holds the same lines. Also `aclog errors
--since 24h`.
Needs a Docker engine (DOCKER_HOST) with no other containers, and root. Medians of --runs.

  scripts/bench/grep_search.py [--lines 10000000] [--runs 5]
"""
import datetime, os, shutil, subprocess, time
from common import result, ACLOG, arguments, lnav, median, meta, search_database

a = arguments(lines=10_000_000)
docker_lines, json_lines, db, end = search_database(a)

LNAV = lnav()
rare = meta(docker_lines)["rare_token"]   # part of one dialog's UUID: found once
common = "INFO"                    # in most uvicorn and loguru lines

def stamp(ns):
    return datetime.datetime.fromtimestamp(ns // 1_000_000_000, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

hour_ago, week_ago = stamp(end - 3_600_000_000_000), stamp(end - 7 * 86_400_000_000_000)

def timed(args, shell=False):
    start = time.perf_counter()
    r = subprocess.run(args, shell=shell, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start, r.stdout.count(b"\n")

def measure(name, args, runs=a.runs, shell=False):
    results = [timed(args, shell) for _ in range(runs)]
    t = median([r[0] for r in results])
    print(f"  {name:58} {t * 1000:10.1f} ms  {results[0][1]:>10,} lines out")
    return t

print(f"search over {a.lines:,} lines in 7 days, medians of {a.runs} runs ({ACLOG})")
results = {}
for token, label in [(rare, "rare"), (common, "common")]:
    for since, window in [(hour_ago, "1h"), (week_ago, "7d")]:
        results[(label, window)] = measure(f"aclog grep -F {token} --since {window} -o raw",
                                           [ACLOG, "grep", "-F", token, "--since", since, "-o", "raw", "--db", db])
    # -w: the token as a whole word, read through the index. The default also finds it inside
    # longer words, as grep -F -i does: through the index's words that hold it (IndexTerms), or a
    # scan of the window when it is common.
    results[(label, "words")] = measure(f"aclog grep -w {token} (whole word, index) --since 7d -o raw",
                                        [ACLOG, "grep", "-w", token, "--since", week_ago, "-o", "raw", "--db", db])
    results[(label, "default")] = measure(f"aclog grep {token} (default: substring) --since 7d -o raw",
                                          [ACLOG, "grep", token, "--since", week_ago, "-o", "raw", "--db", db])
    results[(label, "grep")] = measure(f"grep -F {token} (the text file)", ["grep", "-F", token, docker_lines])
    # lnav indexes the file at every start (it keeps no index between runs); a fresh HOME each run.
    home = os.path.join(a.work, "lnav-home")
    query = f";SELECT log_text FROM all_logs WHERE instr(log_text, '{token}') > 0"
    results[(label, "lnav")] = measure(f"lnav SQL instr(log_text, {token}) (the text file)",
                                       f"rm -rf {home} && mkdir {home} && HOME={home} {LNAV} -n -c \"{query}\" -c ':write-raw-to --view=db -' {docker_lines}",
                                       shell=True)

# Issue 20: a user does not know which words are common. Every kind of pattern, for a word on one
# line, on about 9 % and on about half of them, against grep over the same text with the same
# meaning (aclog's default pattern ignores case: grep -F -i); the time to the first 20 lines of
# `aclog grep WORD | head -20`; and -c against grep -c.
def first_lines(args, count=20):
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    for _ in range(count):
        if not proc.stdout.readline():
            break
    elapsed = time.perf_counter() - start
    proc.kill()
    proc.wait()
    return elapsed

def share(token):
    return int(subprocess.run(["grep", "-c", "-F", "-i", token, docker_lines], capture_output=True, text=True).stdout.strip() or 0) / a.lines

since7 = ["--since", week_ago, "-o", "raw", "--db", db]
for token, label in [(rare, "1 line"), ("knowledge", "9% of lines"), ("INFO", "half the lines")]:
    print(f"  -- {token}: {share(token):.1%} of lines")
    phrase = "Retrieval returned 0" if token != rare else token
    kinds = [("word", [ACLOG, "grep", token], ["grep", "-F", "-i", token]),
             ("-F", [ACLOG, "grep", "-F", token], ["grep", "-F", token]),
             ("-i", [ACLOG, "grep", "-i", "-F", token.lower()], ["grep", "-i", "-F", token.lower()]),
             ("-E", [ACLOG, "grep", "-E", f"{token}|zzqx"], ["grep", "-E", f"{token}|zzqx"]),
             ("phrase", [ACLOG, "grep", phrase], ["grep", "-F", "-i", phrase])]
    for kind, mine, theirs in kinds:
        t_mine = measure(f"aclog grep {kind} ({label}) --since 7d -o raw", mine + since7)
        t_theirs = measure(f"{' '.join(theirs[:-1])} (the text file)", theirs + [docker_lines])
        result(f"grep {kind}, {label}, vs {theirs[0]} {' '.join(theirs[1:-1])}", t_mine, t_theirs, target=1.0)
    firsts = [first_lines([ACLOG, "grep", token, "--db", db, "-o", "raw"]) for _ in range(a.runs)]
    print(f"  {'aclog grep ' + token + ' | head -20: first 20 lines':58} {median(firsts) * 1000:10.1f} ms")
    result(f"grep {label}: time to the first 20 lines", median(firsts), limit=0.050)
    t_count = measure(f"aclog grep -c {token}", [ACLOG, "grep", "-c", token, "--db", db])
    t_grep_count = measure(f"grep -c -F -i {token}", ["grep", "-c", "-F", "-i", token, docker_lines])
    result(f"grep -c, {label}, vs grep -c", t_count, t_grep_count, target=5.0)

# The engine side: docker logs of a stopped container whose json-file is the generated one.
subprocess.run(["docker", "rm", "-f", "bench-search"], capture_output=True)
subprocess.run(["docker", "run", "--name", "bench-search", "--network", "none", "aclog-busybox", "true"], check=True, capture_output=True)
log_path = subprocess.run(["docker", "inspect", "-f", "{{.LogPath}}", "bench-search"], capture_output=True, text=True, check=True).stdout.strip()
shutil.copyfile(json_lines, log_path)
docker_rare = measure(f"docker logs --since 7d | grep -F {rare}",
                      f"docker logs --since {week_ago} bench-search 2>&1 | grep -F {rare}", runs=3, shell=True)
subprocess.run(["docker", "rm", "-f", "bench-search"], capture_output=True)
errors = measure("aclog errors --since 24h --bucket 1h -o csv", [ACLOG, "errors", "--since", "24h", "--bucket", "1h", "-o", "csv", "--db", db])

print(f"  rare token, index (-w) vs grep -F: {results[('rare', 'grep')] / results[('rare', 'words')]:.0f}x faster;"
      f" vs docker logs | grep: {docker_rare / results[('rare', 'words')]:.0f}x")
print(f"  rare token, -F --since 1h vs grep -F: {results[('rare', 'grep')] / results[('rare', '1h')]:.0f}x;"
      f" -F --since 7d (scan): {results[('rare', 'grep')] / results[('rare', '7d')]:.2f}x")
print(f"  common token, index (-w) vs grep -F: {results[('common', 'grep')] / results[('common', 'words')]:.2f}x")
print(f"  default (substring) vs grep -F: rare {results[('rare', 'grep')] / results[('rare', 'default')]:.2f}x,"
      f" common {results[('common', 'grep')] / results[('common', 'default')]:.2f}x")
print(f"  vs lnav: rare {results[('rare', 'lnav')] / results[('rare', 'words')]:.0f}x, common {results[('common', 'lnav')] / results[('common', 'words')]:.2f}x")
result("grep rare token (index) vs grep -F", results[('rare', 'words')], results[('rare', 'grep')], target=50.0)
result("grep rare token vs docker logs | grep", results[('rare', 'words')], docker_rare)
result("grep -F rare token --since 1h vs grep -F", results[('rare', '1h')], results[('rare', 'grep')])
result("grep common token (index) vs grep -F", results[('common', 'words')], results[('common', 'grep')])
result("grep rare token (default, substring) vs grep -F", results[('rare', 'default')], results[('rare', 'grep')])
result("grep common token (default, substring) vs grep -F", results[('common', 'default')], results[('common', 'grep')])
result("grep rare token (index) vs lnav", results[('rare', 'words')], results[('rare', 'lnav')])
result("grep common token (index) vs lnav", results[('common', 'words')], results[('common', 'lnav')])

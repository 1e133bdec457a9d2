#!/usr/bin/env python3
"""The benchmark suite: every measurement of docs/performance.md in one run, each a ratio against
a baseline measured in the same run, printed as a table and written as JSON.

  scripts/bench/suite.py            full sizes (1M and 10M lines, 30 days of samples): about an hour
  scripts/bench/suite.py --quick    small sizes, about two minutes: fails when a ratio fell to less
                                    than half its committed figure (scripts/bench/quick-figures.json)
  scripts/bench/suite.py --quick --save   records the quick figures to compare with later
  scripts/bench/suite.py --only tail.py   runs one again; the table keeps the others' last figures

Needs root and a release build (swift build -c release --static-swift-stdlib); starts its own
Docker engine (ACLOG_ENGINE_DIR, default /tmp/aclog-bench-engine) for the docker-logs baselines.
"""
import argparse, datetime, json, os, signal, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
p = argparse.ArgumentParser()
p.add_argument("--quick", action="store_true")
p.add_argument("--save", action="store_true", help="with --quick: write the figures as the ones to compare with")
p.add_argument("--work", default="/tmp/aclog-bench")
p.add_argument("--out", help="the JSON file to write (default: <work>/suite.json)")
p.add_argument("--only", nargs="+", metavar="SCRIPT", help="run only these (e.g. tail.py); the table takes the others' figures from their last run in --work")
a = p.parse_args()

# script, full-size arguments, quick arguments
RUNS = [
    ("ingest.py", [], ["--lines", "100000", "--runs", "3"]),
    ("import_jsonfile.py", [], ["--lines", "100000", "--runs", "3"]),
    ("parse.py", [], ["--lines", "50000", "--runs", "3"]),
    ("tail.py", [], ["--lines", "200000", "--runs", "3"]),
    ("grep_search.py", [], ["--lines", "300000", "--runs", "3"]),
    ("errors_lnav.py", [], ["--lines", "100000", "--runs", "3"]),
    ("metrics.py", [], ["--containers", "5", "--days", "3", "--runs", "3"]),
    ("collector_load.py", [], ["--containers", "5", "--seconds", "10"]),
    ("follow_lag.py", ["--tracebacks", "0"], ["--seconds", "8", "--tracebacks", "0"]),
    ("follow_lag.py", ["--tracebacks", "1"], ["--seconds", "8", "--tracebacks", "1"]),
    ("web_pages.py", [], ["--lines", "300000", "--runs", "3"]),
    ("web_viewers.py", [], ["--seconds", "5", "--runs", "2"]),
    ("web_lag.py", [], ["--seconds", "10"]),
    ("alerts_ingest.py", [], ["--lines", "100000", "--runs", "3"]),
    ("alerts_notify.py", [], ["--count", "6"]),
    ("export.py", [], ["--lines", "200000", "--runs", "3"]),
    ("scrape.py", [], ["--containers", "50", "--runs", "50"]),
    ("otlp.py", [], ["--lines", "100000", "--runs", "3"]),
]

env = dict(os.environ, ACLOG_ENGINE_DIR=os.environ.get("ACLOG_ENGINE_DIR", "/tmp/aclog-bench-engine"))
started = subprocess.run([os.path.join(ROOT, "scripts", "engine.sh"), "start"], env=env, capture_output=True, text=True, check=True)
env["DOCKER_HOST"] = started.stdout.strip().splitlines()[-1].split("=", 1)[1]
subprocess.run(["docker", "rm", "-f", *subprocess.run(["docker", "ps", "-aq"], env=env, capture_output=True, text=True).stdout.split()],
               env=env, capture_output=True)

figures = {}
for script, full, quick in RUNS:
    # A script run twice (with other arguments) keeps its figures apart.
    tag = "-".join(x.lstrip("-") for x in full)
    out = os.path.join(a.work, f"suite-{script}{'-' + tag if tag else ''}.json")
    if a.only and script not in a.only:
        if not os.path.exists(out):
            raise SystemExit(f"no figures of {script} in {a.work}: run it too")
        print(f"== {script}: figures of its last run ({out})")
        figures.update(json.load(open(out)))
        continue
    if os.path.exists(out):
        os.remove(out)
    args = [sys.executable, os.path.join(HERE, script), "--work", a.work, "--json", out] + (quick if a.quick else full)
    print(f"== {script} {' '.join(quick if a.quick else full)}", flush=True)
    # A benchmark that hangs fails the suite in minutes, with its name, rather than at CI's limit.
    child = subprocess.Popen(args, env=env, start_new_session=True)
    try:
        returncode = child.wait(timeout=600 if a.quick else 7200)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        child.wait()
        raise SystemExit(f"{script} did not finish in {600 if a.quick else 7200} s: stopped")
    if returncode != 0 or not os.path.exists(out):
        raise SystemExit(f"{script} failed (exit {returncode})")
    figures.update(json.load(open(out)))

print()
print(f"{'measurement':48} {'aclog':>14} {'baseline':>14} {'ratio':>8} {'target':>10}")
for name, f in figures.items():
    unit = f["unit"]
    fmt = lambda v: "-" if v is None else (f"{v * 1000:.1f} ms" if unit == "s" else f"{v:,.1f} {unit}" if unit not in ("records/s", "lines/s") else f"{v:,.0f}/s")
    ratio = f.get("ratio")
    # The targets are for the full sizes; small data says little about them.
    target = None if a.quick else f.get("target")
    limit = None if a.quick else f.get("limit")
    if target is not None and ratio is not None:
        goal, mark = f"{target:g}x", "  ok" if ratio >= target else "  MISSED"
    elif limit is not None:
        goal, mark = f"<= {limit:.3g} {unit}", "  ok" if f["aclog"] <= limit else "  MISSED"
    else:
        goal, mark = "-", ""
    print(f"{name:48} {fmt(f['aclog']):>14} {fmt(f.get('baseline')):>14} {('-' if ratio is None else f'{ratio:.2f}x'):>8} {goal:>10}{mark}")

result = {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
          "command": "scripts/bench/suite.py" + (" --quick" if a.quick else ""), "figures": figures}
out = a.out or os.path.join(a.work, "suite.json")
json.dump(result, open(out, "w"), indent=1)
print(f"\nwritten to {out}")

committed = os.path.join(HERE, "quick-figures.json")
if a.quick and a.save:
    json.dump(result, open(committed, "w"), indent=1)
    print(f"saved as the figures to compare with: {committed}")
elif a.quick and os.path.exists(committed):
    before = json.load(open(committed))["figures"]
    regressed = [(n, f["ratio"], before[n]["ratio"]) for n, f in figures.items()
                 if f.get("ratio") and n in before and before[n].get("ratio") and f["ratio"] < before[n]["ratio"] / 2]
    for n, now, then in regressed:
        print(f"REGRESSED: {n}: {now:.2f}x, committed {then:.2f}x")
    if regressed:
        raise SystemExit(1)
    print(f"no ratio fell below half its committed figure ({committed})")

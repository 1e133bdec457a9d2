"""Shared helpers for aclog's benchmarks."""
import argparse, atexit, contextlib, datetime, json, os, shutil, socket, sqlite3, statistics, subprocess, sys, time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
ACLOG = os.environ.get("ACLOG_BIN", os.path.join(ROOT, ".build", "release", "aclog"))
GEN = os.path.join(ROOT, "scripts", "bench", "gen_lines.py")
MIGRATIONS = os.path.join(ROOT, "Migrations")

def cpu_seconds(pid):
    """The CPU time (user + system) a process has used, from /proc."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

def free_port():
    """A loopback port free now, for a server the benchmark starts."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

def run_container(name, service, script):
    """A busybox container of the test image running `script` with sh, in no network, labelled as
    a compose service, detached."""
    subprocess.run(["docker", "run", "-d", "--name", name, "--network", "none", "--label", f"com.docker.compose.service={service}",
                    "aclog-busybox", "sh", "-c", script], check=True, capture_output=True)

def ns(stamp):
    """An RFC 3339 time with nanoseconds, UTC, as nanoseconds since the epoch (Python's datetime
    keeps microseconds)."""
    whole, _, frac = stamp.rstrip("Z").partition(".")
    seconds = datetime.datetime.fromisoformat(whole).replace(tzinfo=datetime.timezone.utc).timestamp()
    return int(seconds) * 1_000_000_000 + int((frac + "000000000")[:9])

def percentile(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(len(xs) * p))]

def median(xs):
    return statistics.median(xs)

SEED = 1

def generate(path, lines, fmt, days=7, end=None, extra=()):
    """gen_lines.py's stack output, made once per path (the seed is part of the name); what it
    holds is in path + ".meta.json" (see `meta`)."""
    root, ext = os.path.splitext(path)
    path = f"{root}-seed{SEED}{ext}"
    if os.path.exists(path) and os.path.exists(path + ".meta.json"):
        return path
    args = [sys.executable, GEN, "--lines", str(lines), "--days", str(days), "--format", fmt,
            "--seed", str(SEED), "--meta", path + ".meta.json", *extra]
    if end:
        args += ["--end", str(end)]
    with open(path + ".tmp", "w") as out:
        subprocess.run(args, stdout=out, check=True)
    os.rename(path + ".tmp", path)
    return path

def generate_services(folder, lines, end, days=7):
    """The same, one `docker logs --timestamps` file per service: folder-seedN/<service>.log.
    Returns the folder."""
    folder = f"{folder}-seed{SEED}"
    if not os.path.exists(os.path.join(folder, "meta.json")):
        subprocess.run([sys.executable, GEN, "--lines", str(lines), "--days", str(days), "--format", "docker",
                        "--seed", str(SEED), "--end", str(end), "--split", folder + ".tmp",
                        "--meta", os.path.join(folder + ".tmp", "meta.json")], check=True)
        os.rename(folder + ".tmp", folder)
    return folder

def meta(path):
    """What gen_lines.py wrote to `path` (a file or generate_services' folder): lines, records (a
    traceback with its header is one), per service, and rare_token (a word found once)."""
    with open(os.path.join(path, "meta.json") if os.path.isdir(path) else path + ".meta.json") as f:
        return json.load(f)

def fake_docker(folder, logs_file, service="stack", state="exited"):
    """A stand-in docker CLI: one container whose `docker logs` is the given file. Its service
    names no image aclog knows, so every format is tried on each line (the file mixes them)."""
    path = os.path.join(folder, "fake-docker")
    with open(path, "w") as f:
        f.write(f"""#!/bin/sh
case "$1" in
  version) echo 20.10.24 ;;
  ps) printf 'b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0\\tbench-{service}\\tbench\\t{state}\\t{service}\\tbench\\n' ;;
  events) exec sleep 3600 ;;
  logs) exec cat {logs_file} ;;
esac
""")
    os.chmod(path, 0o755)
    return path

def count_records(db):
    """Records the collector has stored, read in this process: starting the sqlite3 CLI every 20 ms
    took about a fifth of a core from the collector being timed. Read-only, and only once aclog
    made the file (opening would create it otherwise)."""
    if not os.path.exists(db):
        return 0
    try:
        with contextlib.closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)) as c:
            return c.execute("SELECT coalesce(sum(record_count), 0) FROM containers").fetchone()[0]
    except sqlite3.Error:
        return 0

def search_database(a, json_file=True):
    """grep_search.py's data: a.lines lines over the 7 days before this hour, as a text file, as a
    json-file (unless not asked for) and stored by the collector (made once per hour, size and
    seed). Returns (text file, json-file or None, database, end in ns)."""
    end = (time.time_ns() // 3_600_000_000_000) * 3_600_000_000_000
    docker_lines = generate(os.path.join(a.work, f"search-{a.lines}-{end}.docker.txt"), a.lines, "docker", end=end)
    json_lines = generate(os.path.join(a.work, f"search-{a.lines}-{end}-json.log"), a.lines, "json", end=end) if json_file else None
    db = os.path.join(a.work, f"search-{a.lines}-{end}-seed{a.seed}.db")
    if not os.path.exists(db):
        records = meta(docker_lines)["records"]
        ingest = collect_until(db, fake_docker(a.work, docker_lines), records, timeout=3600)
        print(f"(database filled in {ingest:.0f} s: {records / ingest:,.0f} records/s)")
    return docker_lines, json_lines, db, end

def collect_until(db, docker, expected, timeout=600, extra=()):
    """Runs `aclog collect` (with `extra` arguments) until `expected` records are stored; returns
    seconds taken."""
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    start = time.perf_counter()
    proc = subprocess.Popen([ACLOG, "collect", "--db", db, "--docker", docker, *extra], stderr=subprocess.DEVNULL)
    try:
        while count_records(db) < expected:
            if time.perf_counter() - start > timeout:
                raise RuntimeError("collector did not store %d records in %d s" % (expected, timeout))
            time.sleep(0.02)
        return time.perf_counter() - start
    finally:
        proc.terminate()
        proc.wait()

def schema_db(path):
    """An empty database with aclog's schema, made by the sqlite3 CLI from Migrations/."""
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    # The page size aclog gives a database it creates (SQLiteConnection.newPageSize).
    sql = "PRAGMA page_size=16384;\nPRAGMA journal_mode=WAL;\n"
    for name in sorted(os.listdir(MIGRATIONS)):
        with open(os.path.join(MIGRATIONS, name)) as f:
            # The CLI lacks aclog's tokenizer; gen_lines.py's rows give unicode61 the same words.
            sql += f.read().replace("'aclog_words'", "'unicode61'")
    sql += "\nINSERT INTO containers (id, docker_id, name, service, first_seen, last_seen) VALUES (1, 'b0', 'bench', 'backend', 0, 0);\n"
    subprocess.run(["sqlite3", path], input=sql, text=True, check=True, capture_output=True)

def lnav():
    """Debian's lnav, installed if missing (root)."""
    if shutil.which("lnav") is None:
        print("(installing lnav from Debian)", file=sys.stderr)
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], env=env, check=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "lnav"], env=env, check=True)
    return shutil.which("lnav")

RESULTS = {}

def result(name, aclog, baseline=None, unit="s", higher_is_better=False, target=None, limit=None):
    """One figure for the suite's JSON: aclog's value, the same-run baseline's, and their ratio
    (how many times aclog is better: baseline/aclog for times, aclog/baseline for rates). A target
    is a ratio to reach; a limit, a value of aclog's own not to exceed."""
    entry = {"aclog": aclog, "unit": unit}
    if baseline is not None:
        entry["baseline"] = baseline
        entry["ratio"] = (aclog / baseline if higher_is_better else baseline / aclog) if aclog and baseline else None
    if target is not None:
        entry["target"] = target
    if limit is not None:
        entry["limit"] = limit
    RESULTS[name] = entry

def arguments(lines, runs=5, **more):
    """--lines, --runs, --work, --json and the benchmark's own options (name=default)."""
    p = argparse.ArgumentParser()
    p.add_argument("--lines", type=int, default=lines)
    p.add_argument("--runs", type=int, default=runs)
    p.add_argument("--work", default="/tmp/aclog-bench")
    p.add_argument("--json", help="also write the figures to this file, for scripts/bench/suite.py")
    p.add_argument("--seed", type=int, default=1, help="gen_lines.py's seed for the generated lines")
    for name, default in more.items():
        p.add_argument("--" + name, type=type(default), default=default)
    a = p.parse_args()
    global SEED
    SEED = a.seed
    os.makedirs(a.work, exist_ok=True)
    if a.json:
        atexit.register(lambda: json.dump(RESULTS, open(a.json, "w"), indent=1))
    return a

def sqlite3_load_seconds(rows_sql, db):
    """The baseline: the sqlite3 CLI loading `rows_sql` (one transaction) into a fresh aclog schema."""
    schema_db(db)
    start = time.perf_counter()
    with open(rows_sql) as f:
        subprocess.run(["sqlite3", "-cmd", "PRAGMA synchronous=NORMAL", db], stdin=f, check=True, capture_output=True)
    return time.perf_counter() - start

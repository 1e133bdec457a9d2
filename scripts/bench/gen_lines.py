#!/usr/bin/env python3
"""Generates N log lines of the stack's formats, spread evenly over the last DAYS days.

  gen_lines.py --lines 1000000 --days 7 --format docker  > lines.txt   (docker logs --timestamps)
  gen_lines.py --lines 1000000 --days 7 --format json    > x-json.log  (Docker's json-file)
  gen_lines.py --lines 1000000 --days 7 --format sql     > rows.sql    (INSERTs into aclog's schema)

Lines cycle through the corpus files in Tests/EndToEndTests/Fixtures, each tagged with its number,
so the output is the same for the same arguments (and --end).
"""
import argparse, datetime, json, os, sys, time

here = os.path.dirname(os.path.abspath(__file__))
fixtures = os.path.join(here, "..", "..", "Tests", "EndToEndTests", "Fixtures")

def corpus():
    lines = []
    for name in ["uvicorn.log", "loguru.log", "redis.log", "mysql8.log"]:
        with open(os.path.join(fixtures, name), encoding="utf-8") as f:
            lines += [l.rstrip("\n") for l in f if l.strip()]
    return lines

def rfc3339(ns):
    s, frac = divmod(ns, 1_000_000_000)
    return datetime.datetime.fromtimestamp(s, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S") + ".%09dZ" % frac

def main():
    p = argparse.ArgumentParser()
    p.add_argument("--lines", type=int, required=True)
    p.add_argument("--days", type=float, default=7)
    p.add_argument("--end", type=int, default=None, help="end time, ns since the epoch (default now)")
    p.add_argument("--format", choices=["docker", "json", "sql"], required=True)
    p.add_argument("--container", type=int, default=1, help="container row id (sql)")
    a = p.parse_args()
    end = a.end or time.time_ns()
    span = int(a.days * 86400 * 1e9)
    start = end - span
    step = span // a.lines
    lines = corpus()
    out = sys.stdout
    if a.format == "sql":
        out.write("BEGIN;\n")
    buf = []
    for i in range(a.lines):
        ns = start + i * step
        text = "%d %s" % (i + 1, lines[i % len(lines)])
        if a.format == "docker":
            buf.append("%s %s\n" % (rfc3339(ns), text))
        elif a.format == "json":
            # Compact, in the engine's key order, as Docker writes it.
            buf.append(json.dumps({"log": text + "\n", "stream": "stdout", "time": rfc3339(ns)}, ensure_ascii=False, separators=(",", ":")) + "\n")
        else:
            quoted = text.replace("'", "''")
            # The same work as aclog's writer: the row, then its entry in the search index.
            buf.append("INSERT INTO records (ts, container, stream, level, message) VALUES (%d, %d, 1, 0, '%s');\n"
                       "INSERT INTO records_fts (rowid, message) VALUES (last_insert_rowid(), '%s');\n"
                       % (ns, a.container, quoted, quoted))
        if len(buf) >= 10000:
            out.write("".join(buf))
            buf = []
    out.write("".join(buf))
    if a.format == "sql":
        out.write("COMMIT;\n")

if __name__ == "__main__":
    main()

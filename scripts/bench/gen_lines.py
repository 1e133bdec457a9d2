#!/usr/bin/env python3
"""Generates N lines of a compose stack's output (AgentChat's: backend on uvicorn with loguru,
frontend on Vite, mysql, redis, nginx in front), spread evenly over the last DAYS days, the same
for the same --seed, --lines, --days and --end.

  gen_lines.py --lines 1000000 --days 7 --format docker  > lines.txt   (docker logs --timestamps)
  gen_lines.py --lines 1000000 --days 7 --format json    > x-json.log  (Docker's json-file)
  gen_lines.py --lines 1000000 --days 7 --format sql     > rows.sql    (INSERTs into aclog's schema)
  gen_lines.py ... --split DIR     one file per service instead: DIR/<service>.log
  gen_lines.py ... --meta FILE     what was written, as JSON: lines, records (a traceback with its
                                   header is one record), per service, and a token found once

What the stream holds (shares of records): nginx access lines 30 %, uvicorn access lines 25 %
(2 % of all access lines are 5xx; a quarter of the backend's 5xx come with a loguru ERROR record
and its traceback), loguru request lines of AgentChat's middleware 20 %, other loguru lines 8 %
(dialog ids are UUIDs: --meta's rare_token is the last group of one, found once), Vite 5 %,
MySQL 6 %, Redis 5 %, nginx errors 1 %. Templated lines take their shape from the real lines of
Tests/ACLogParsingTests/Fixtures (the log corpus); MySQL, Redis, Vite, nginx error lines and the
tracebacks are those corpus lines, their own timestamps moved to the generated time.
"""
import argparse, datetime, json, os, random, re, sys, time

here = os.path.dirname(os.path.abspath(__file__))
fixtures = os.path.join(here, "..", "..", "Tests", "ACLogParsingTests", "Fixtures")
SERVICES = ["backend", "frontend", "mysql", "redis", "nginx"]
STREAM = {"backend": "stderr", "frontend": "stdout", "mysql": "stderr", "redis": "stdout", "nginx": "stdout"}

def corpus(name):
    with open(os.path.join(fixtures, name), encoding="utf-8") as f:
        return [l.rstrip("\n") for l in f if l.strip()]

STARTERS = ("Traceback (", "During handling", "The above exception", "Caused by: ", "[Previous line", "(Background on",
            "Call stack:", "Stack (most recent", "> File \"")

def continues(line):
    """Lines that continue the record before them (ACLogParsing's ContinuationShape): indented
    lines, traceback starters and exception lines. Picked alone, they would join another record."""
    return (line[:1] in (" ", "\t") or line.startswith(STARTERS) or (line.startswith("...") and line.endswith("more"))
            or re.match(r"^[\w.$]*?(Error|Exception|Exit|Interrupt|Warning|Group|Iteration|Timeout)( \[[^\]]*\])?(:|$)", line) is not None)

def single_lines(name, starts=None):
    """The corpus lines that are records of their own; `starts`: the shape a line must have (for
    nginx, whose parser joins any other line to the record before it, as PHP-FPM's do)."""
    return [l for l in corpus(name) if not continues(l) and (starts is None or re.match(starts, l))]

def tracebacks():
    """The corpus's plain tracebacks: `Traceback (most recent call last):`, indented lines, the
    exception line."""
    lines, blocks = corpus("python_traceback.log"), []
    for i, line in enumerate(lines):
        if line != "Traceback (most recent call last):":
            continue
        j = i + 1
        while j < len(lines) and lines[j].startswith(" "):
            j += 1
        if j < len(lines) and re.match(r"^[\w.]+(Error|Exception): ", lines[j]):
            blocks.append(lines[i + 1:j + 1])
    return blocks

# Leading timestamps of corpus lines, and how to write the generated time in their place.
RESTAMP = {
    "mysql": (re.compile(r"^()\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z"), lambda t, ns, m: t.strftime("%Y-%m-%dT%H:%M:%S.") + "%06dZ" % (ns // 1000 % 1_000_000)),
    "redis": (re.compile(r"^(\d+:[A-Z] )\d\d [A-Z][a-z]{2}( \d{4})? \d\d:\d\d:\d\d\.\d{3}"),
              lambda t, ns, m: t.strftime("%d %b" + (" %Y" if m.group(2) else "") + " %H:%M:%S.") + "%03d" % (ns // 1_000_000 % 1000)),
    "nginx": (re.compile(r"^()\d{4}/\d\d/\d\d \d\d:\d\d:\d\d"), lambda t, ns, m: t.strftime("%Y/%m/%d %H:%M:%S")),
}

METHODS = ["GET"] * 7 + ["POST"] * 2 + ["PUT", "DELETE"]
API = ["/api/v1/chat/completions", "/api/v1/dialog/list", "/api/v1/agent/{id}", "/api/v1/history/{id}",
       "/api/v1/knowledge/upload", "/api/v1/user/info", "/api/v1/mcp_server", "/health"]
STATIC = ["/", "/assets/index-{hex}.js", "/assets/index-{hex}.css", "/favicon.ico", "/logo.svg"]
REASONS = {200: "OK", 201: "Created", 204: "No Content", 304: "Not Modified", 400: "Bad Request", 401: "Unauthorized",
           404: "Not Found", 422: "Unprocessable Entity", 500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout"}
AGENTS = ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
          "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15",
          "curl/8.4.0", "python-httpx/0.27.0"]
APP = [("INFO", "agentchat.services.dialog:create_dialog:41 - Created dialog {uuid} for user {user}"),
       ("INFO", "agentchat.api.v1.chat:completions:88 - Streaming completion for dialog {uuid}, model qwen-plus"),
       ("DEBUG", "agentchat.core.agents.react:step:133 - Tool call mcp_search with 2 arguments"),
       ("WARNING", "agentchat.services.rag:retrieve:97 - Retrieval returned 0 chunks for knowledge {id}"),
       ("SUCCESS", "agentchat.database.init_data:init_database:72 - MySQL tables are ready"),
       ("INFO", "agentchat.services.storage:upload:55 - Stored object {hex}.pdf in bucket agentchat (212 KiB)")]

class Stack:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.corpora = {"mysql": single_lines("mysql8.log"), "redis": single_lines("redis.log"),
                        "frontend": single_lines("vite.log"), "nginx": single_lines("nginx_error.log", starts=r"\d{4}/\d\d/\d\d \d\d:")}
        self.tracebacks = tracebacks()
        self.kinds = ["nginx_access", "uvicorn_access", "request", "app", "frontend", "mysql", "redis", "nginx_error"]
        self.weights = [30, 25, 20, 8, 5, 6, 5, 1]

    def status(self):
        x = self.r.random()
        if x < 0.02:
            return self.r.choice([500, 500, 502, 503, 504])
        return self.r.choice([200] * 12 + [201, 204, 304, 400, 401, 404, 404, 422])

    def path(self, paths):
        return self.r.choice(paths).replace("{id}", str(self.r.randrange(1, 50000))).replace("{hex}", "%08x" % self.r.getrandbits(32))

    def record(self, t, ns):
        """[(service, [lines])] of the records written at time t (a datetime) / ns: one, or a
        traceback record and then the access line."""
        r = self.r
        kind = r.choices(self.kinds, self.weights)[0]
        ip = "172.18.0.%d" % r.randrange(2, 30)
        if kind == "nginx_access":
            status, path = self.status(), self.path(API + STATIC)
            return [("nginx", ['%s - - [%s] "%s %s HTTP/1.1" %d %d "-" "%s"' % (
                "10.0.%d.%d" % (r.randrange(256), r.randrange(256)), t.strftime("%d/%b/%Y:%H:%M:%S +0000"),
                r.choice(METHODS) if path.startswith("/api") else "GET", path, status, r.randrange(150, 90000), r.choice(AGENTS))])]
        if kind == "uvicorn_access":
            status = self.status()
            access = 'INFO:     %s:%d - "%s %s HTTP/1.1" %d %s' % (ip, r.randrange(32768, 61000), r.choice(METHODS), self.path(API), status, REASONS[status])
            if status >= 500 and r.random() < 0.25:
                header = "%s | ERROR    | agentchat.middleware.trace_id_middleware:dispatch:22 - exception_traceback: Traceback (most recent call last):" % self.loguru_time(t, ns)
                return [("backend", [header] + r.choice(self.tracebacks)), ("backend", [access])]
            return [("backend", [access])]
        if kind == "request":
            return [("backend", ["%s | INFO     | agentchat.middleware.trace_id_middleware:dispatch:29 - %s %s %d time_cost=%.3fms" % (
                self.loguru_time(t, ns), r.choice(METHODS), self.path(API), self.status(), r.lognormvariate(2.5, 1.0))])]
        if kind == "app":
            level, text = r.choice(APP)
            uuid = "%032x" % r.getrandbits(128)
            uuid = "-".join([uuid[:8], uuid[8:12], uuid[12:16], uuid[16:20], uuid[20:]])
            text = text.replace("{id}", str(r.randrange(1, 50000))).replace("{user}", str(r.randrange(1, 900))).replace(
                "{hex}", "%012x" % r.getrandbits(48)).replace("{uuid}", uuid)
            return [("backend", ["%s | %-8s | %s" % (self.loguru_time(t, ns), level, text)])]
        service = "nginx" if kind == "nginx_error" else kind
        line = r.choice(self.corpora[service])
        if service in RESTAMP:
            pattern, stamp = RESTAMP[service]
            m = pattern.match(line)
            if m:
                line = m.group(1) + stamp(t, ns, m) + line[m.end():]
        return [(service, [line])]

    @staticmethod
    def loguru_time(t, ns):
        return t.strftime("%Y-%m-%d %H:%M:%S.") + "%03d" % (ns // 1_000_000 % 1000)

# The numbers aclog's search index leaves out (IndexedWords: one or two digits, years 1900-2099,
# 0000), standing as words of their own as FTS5's unicode61 splits words.
SHORT_NUMBER = re.compile(r"(?<![^\W_])(?:[0-9]{1,2}|19[0-9]{2}|20[0-9]{2}|0000)(?![^\W_])")

def rfc3339(t, ns):
    return t.strftime("%Y-%m-%dT%H:%M:%S") + ".%09dZ" % (ns % 1_000_000_000)

def main():
    p = argparse.ArgumentParser()
    p.add_argument("--lines", type=int, required=True)
    p.add_argument("--days", type=float, default=7)
    p.add_argument("--end", type=int, default=None, help="end time, ns since the epoch (default now)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--format", choices=["docker", "json", "sql"], required=True)
    p.add_argument("--container", type=int, default=1, help="container row id (sql)")
    p.add_argument("--split", metavar="DIR", help="write DIR/<service>.log, one file per service")
    p.add_argument("--meta", metavar="FILE", help="write what was generated here, as JSON")
    a = p.parse_args()
    end = a.end or time.time_ns()
    span = int(a.days * 86400 * 1e9)
    start = end - span
    step = span // a.lines
    stack = Stack(a.seed)
    if a.split:
        os.makedirs(a.split, exist_ok=True)
        outs = {s: open(os.path.join(a.split, s + ".log"), "w", encoding="utf-8") for s in SERVICES}
    else:
        outs = {s: sys.stdout for s in SERVICES}
    bufs = {s: [] for s in SERVICES} if a.split else {"all": []}
    meta = {"seed": a.seed, "lines": 0, "records": 0, "services": {s: {"lines": 0, "records": 0} for s in SERVICES}}
    rare_at = a.lines // 2
    if a.format == "sql":
        sys.stdout.write("BEGIN;\n")
    written, second, t = 0, None, None
    while written < a.lines:
        ns = start + written * step
        if ns // 1_000_000_000 != second:
            second = ns // 1_000_000_000
            t = datetime.datetime.fromtimestamp(second, datetime.timezone.utc)
        for service, lines in stack.record(t, ns):
            lines = lines[:a.lines - written]
            if not lines:
                break
            if "rare_token" not in meta and written >= rare_at:
                m = re.search(r"dialog [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-([0-9a-f]{12})", lines[0])
                if m:
                    meta["rare_token"] = m.group(1)
            buf = bufs[service if a.split else "all"]
            if a.format == "sql":
                message = "\n".join(lines).replace("'", "''")
                # The same work as aclog's writer: the row, then its entry in the search index, which
                # holds the same words as aclog's (its tokenizer leaves out the numbers of dates and times).
                buf.append("INSERT INTO records (ts, container, stream, level, message) VALUES (%d, %d, %d, 0, '%s');\n"
                           "INSERT INTO records_fts (rowid, message) VALUES (last_insert_rowid(), '%s');\n"
                           % (ns, a.container, 1 if STREAM[service] == "stdout" else 2, message, SHORT_NUMBER.sub(" ", message)))
            else:
                # The lines of one record were one write: they are microseconds apart.
                for k, line in enumerate(lines):
                    at = ns + k * 1000
                    stamp = rfc3339(t if at // 1_000_000_000 == second else datetime.datetime.fromtimestamp(at // 1_000_000_000, datetime.timezone.utc), at)
                    if a.format == "docker":
                        buf.append("%s %s\n" % (stamp, line))
                    else:  # Compact, in the engine's key order, as Docker writes it.
                        buf.append(json.dumps({"log": line + "\n", "stream": STREAM[service], "time": stamp},
                                              ensure_ascii=False, separators=(",", ":")) + "\n")
            ns += len(lines) * 1000
            written += len(lines)
            meta["lines"] += len(lines)
            meta["records"] += 1
            meta["services"][service]["lines"] += len(lines)
            meta["services"][service]["records"] += 1
            if len(buf) >= 10000:
                (outs[service] if a.split else sys.stdout).write("".join(buf))
                buf.clear()
    for key, buf in bufs.items():
        (outs[key] if a.split else sys.stdout).write("".join(buf))
    if a.format == "sql":
        sys.stdout.write("COMMIT;\n")
    if a.split:
        for out in outs.values():
            out.close()
    if a.meta:
        with open(a.meta, "w") as f:
            json.dump(meta, f, indent=1)

if __name__ == "__main__":
    main()

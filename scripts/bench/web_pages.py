#!/usr/bin/env python3
"""The web view's answers on grep_search.py's database (N lines over 7 days): `aclog serve` asked
for the overview and the first screen of /logs (their server time, from the Server-Timing header;
the issue's limit: 200 ms), and for search pages next to `aclog grep` asked the same question
(the page shows the first 500 matches, so `aclog grep -m 501`; the page's whole answer over HTTP
against the command's whole run; target: the page within 10 % of the command). Medians of --runs.

  scripts/bench/web_pages.py [--lines 10000000] [--runs 5]
"""
import datetime, http.client, subprocess, time, urllib.parse
from common import result, ACLOG, arguments, median, meta, search_database

a = arguments(lines=10_000_000)
docker_lines, _, db, end = search_database(a, json_file=False)
rare = meta(docker_lines)["rare_token"]
week_ago = datetime.datetime.fromtimestamp(end // 1_000_000_000 - 7 * 86_400, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

server = subprocess.Popen([ACLOG, "serve", "--db", db, "--listen", "127.0.0.1:0"], stdout=subprocess.PIPE, text=True)
url = urllib.parse.urlsplit(server.stdout.readline().split(" at ")[-1].strip())

def get(target):
    """(server ms, wall s, body bytes) of one GET over a fresh connection, as a browser's first visit."""
    start = time.perf_counter()
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=600)
    connection.request("GET", target)
    response = connection.getresponse()
    body = response.read()
    wall = time.perf_counter() - start
    connection.close()
    if response.status != 200:
        raise SystemExit(f"{target}: HTTP {response.status}: {body[:200]!r}")
    timing = response.getheader("Server-Timing") or ""
    return float(timing.split("dur=")[1]), wall, len(body)

def page(name, target):
    get(target)  # the first answer warms the page cache, as the command's runs do for it
    runs = [get(target) for _ in range(a.runs)]
    server_ms, wall = median([r[0] for r in runs]), median([r[1] for r in runs])
    print(f"  {name:52} server {server_ms:8.1f} ms  wall {wall * 1000:8.1f} ms  {runs[0][2]:>9,} bytes")
    return server_ms, wall

def command(name, args):
    def run():
        start = time.perf_counter()
        out = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=True).stdout
        return time.perf_counter() - start, out.count(b"\n")
    run()
    runs = [run() for _ in range(a.runs)]
    t = median([r[0] for r in runs])
    print(f"  {name:52} {'':23}wall {t * 1000:8.1f} ms  {runs[0][1]:>9,} lines")
    return t

print(f"the web view over {a.lines:,} lines in 7 days, medians of {a.runs} runs ({ACLOG})")
try:
    overview, _ = page("overview /", "/")
    first, _ = page("/logs (first screen: the newest 500 records)", "/logs")
    service_hour, _ = page("/logs?service=stack&since=1h", "/logs?service=stack&since=1h")
    searches = {}
    for token, label in [(rare, "rare"), ("INFO", "common")]:
        for words, flag in [(False, []), (True, ["-w"])]:
            kind = f"{label} token{' -w' if words else ''}"
            query = urllib.parse.urlencode({"q": token, "since": week_ago, **({"w": "1"} if words else {})})
            _, wall = page(f"/logs?q={kind} --since 7d", f"/logs?{query}")
            cli = command(f"aclog grep {' '.join(flag + [kind.split()[0]])} --since 7d -m 501",
                          [ACLOG, "grep", *flag, token, "--since", week_ago, "-m", "501", "--db", db])
            searches[kind] = (wall, cli)
finally:
    server.terminate()
    server.wait()

result("web overview (server time)", overview / 1000, limit=0.2)
result("web /logs first screen (server time)", first / 1000, limit=0.2)
result("web /logs one service, 1h (server time)", service_hour / 1000, limit=0.2)
for kind, (wall, cli) in searches.items():
    result(f"web search page, {kind}, vs aclog grep", wall, cli, target=0.91)

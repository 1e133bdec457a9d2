#!/usr/bin/env python3
"""End-to-end tests of aclog's web view, in a real browser (Debian's chromium driven by
Playwright) against `aclog collect --serve` on the test Docker engine and real containers.

Run by scripts/test.sh after the Swift tests, with DOCKER_HOST set to the test engine:
    python3 Tests/Web/web_test.py [--shots DIR]
Each test asserts what a user must see; the screenshots go to --shots (default: the work folder).
"""
import argparse, base64, json, os, re, shutil, socket, statistics, subprocess, sys, tempfile, time, traceback, urllib.error, urllib.parse, urllib.request

from playwright.sync_api import sync_playwright

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from e2e_support import free_port, sh, wait_until

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
ACLOG = os.environ.get("ACLOG_BIN", os.path.join(ROOT, ".build", "debug", "aclog"))
PREFIX = "aclogweb-"

# What a container's owner can make it print: none of it may run or become markup in the page.
HOSTILE = [
    r"<script>window.__pwned=1</script>",
    r"<img src=x onerror=\"window.__pwned=2\">",
    r"</textarea></pre></div><script>window.__pwned=3</script>",
    r"<a href=\"javascript:window.__pwned=4\">click me</a>",
    r"\033[31mRED-TEXT\033[0m and \033[1;32mbold green\033[0m",
    r"\033]0;TITLE-BY-OSC\007 \033]8;;javascript:window.__pwned=5\033\\osc-link\033]8;;\033\\ after",
    r"invalid utf8 \377\376 here",
]






def get(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def raw_request(port, text):
    """A request as written, for what urllib would normalise (dot segments, methods)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(text.encode())
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    return data.decode(errors="replace")




class Stack:
    """The containers and the collector serving the web view."""

    def __init__(self, work):
        self.work = work
        self.db = os.path.join(work, "web.db")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        for name in sh("docker", "ps", "-aq", "--filter", f"name={PREFIX}").stdout.split():
            sh("docker", "rm", "-f", name)
        # The api container prints what the test drops into /tmp/say, and an error with a traceback.
        api = ("echo 'INFO started on port 8000'; echo 'ERROR boom while serving id=42' >&2; "
               "printf 'Traceback (most recent call last):\\n  File \"app.py\", line 3, in main\\nValueError: bad value 7\\n' >&2; "
               "while :; do if [ -f /tmp/say ]; then cat /tmp/say; rm -f /tmp/say; fi; usleep 20000; done")
        evil = "; ".join(f"printf '%b\\n' \"{line}\"" for line in HOSTILE)
        evil += "; head -c 1048576 /dev/zero | tr '\\000' A; echo; echo 'END-OF-HOSTILE'; exec sleep 3600"
        for name, script in (("api", api), ("evil", evil)):
            sh("docker", "run", "-d", "--name", PREFIX + name, "--network", "none",
               "--label", f"com.docker.compose.service={PREFIX}{name}", "aclog-busybox", "sh", "-c", script)
        self.log = open(os.path.join(work, "collector.log"), "w")
        self.collector = subprocess.Popen([ACLOG, "collect", "--db", self.db, "--stats-interval", "2s",
                                           "--serve", f"127.0.0.1:{self.port}"], stdout=self.log, stderr=self.log)
        wait_until(lambda: self.ready(), 30, "the collector to serve and store the containers' lines")

    def ready(self):
        try:
            status, _, body = get(f"{self.base}/api/records?service={PREFIX}evil&since=1h")
        except OSError:
            return False
        return status == 200 and b"END-OF-HOSTILE" in body

    def say(self, text):
        sh("docker", "exec", PREFIX + "api", "sh", "-c", f"echo '{text}' > /tmp/say.tmp && mv /tmp/say.tmp /tmp/say")

    def aclog(self, *args):
        return sh(ACLOG, *args, "--db", self.db)

    def stop(self):
        self.collector.terminate()
        self.collector.wait(timeout=20)
        for name in ("api", "evil"):
            sh("docker", "rm", "-f", PREFIX + name, check=False)


def test_api_answers_as_the_cli(stack, page, shots):
    until_second = int(time.time()) - 1
    until = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(until_second))
    # Every record of a time before the collector's settled time is stored: once it is past
    # `until`, the answers cannot change between asking aclog and asking the web view. A record
    # still being read (a traceback waiting for its next line) may be stored later than a second.
    def settled():
        return int(stack.aclog("sql", "SELECT coalesce(max(settled), 0) FROM collector_runs").stdout.split()[-1])
    wait_until(lambda: settled() > (until_second + 1) * 1_000_000_000, 30, "the collector to settle past " + until)
    questions = [
        (["tail", "-o", "json", "-n", "50", "--until", until], f"/api/records?n=50&until={until}"),
        (["tail", PREFIX + "api", "-o", "json", "--since", "1h", "--until", until],
         f"/api/records?service={PREFIX}api&since=1h&until={until}"),
        (["grep", "-o", "json", "boom", "--until", until], f"/api/records?q=boom&until={until}"),
        (["grep", "-o", "json", "-E", "Value[A-Z][a-z]+", "-C", "1", "--until", until],
         f"/api/records?q=Value%5BA-Z%5D%5Ba-z%5D%2B&mode=regex&C=1&until={until}"),
        (["errors", "-o", "json", "--since", "1h", "--until", until], f"/api/errors?since=1h&until={until}"),
    ]
    for cli, path in questions:
        mine = stack.aclog(*cli).stdout.encode()
        status, headers, body = get(stack.base + path)
        assert status == 200, (path, status, body[:200])
        assert headers["Content-Type"].startswith("application/x-ndjson"), headers
        assert mine, ("the CLI answered nothing to", cli)
        assert body == mine, f"{path} differs from aclog {' '.join(cli)}:\n{body[:400]!r}\n{mine[:400]!r}"
    status, _, body = get(stack.base + "/api/services")
    assert {json.loads(l)["service"] for l in body.splitlines()} >= {PREFIX + "api", PREFIX + "evil"}, body


def test_bad_values_are_one_line_errors(stack, page, shots):
    for path, words in [("/api/records?since=soon", b"invalid time 'soon'"), ("/api/records?service=nope", b"unknown service 'nope'"),
                        ("/api/records?q=(&mode=regex", b"invalid regular expression"), ("/api/records?level=loud", b"invalid level 'loud'"),
                        ("/api/records?field=http.status>>5", b"invalid field filter"), ("/api/trends?metric=gpu", b"metric 'gpu'")]:
        status, _, body = get(stack.base + path)
        assert status == 400 and words in body and body.count(b"\n") == 1, (path, status, body)
    page.goto(stack.base + "/logs?since=soon")
    assert "invalid time 'soon'" in page.inner_text("p.error")


def test_overview_lists_services_and_leads_to_logs(stack, page, shots):
    page.goto(stack.base + "/")
    for name in ("api", "evil"):
        row = page.locator(f'tr.svc-row[data-service="{PREFIX}{name}"]')
        assert row.count() == 1, name
        assert "running" in row.locator("td").first.inner_text()
    assert page.locator(f'tr[data-service="{PREFIX}api"] svg.spark.records polyline').count() == 1
    page.screenshot(path=os.path.join(shots, "overview.png"), full_page=True)
    page.click(f'tr[data-service="{PREFIX}api"] th a')
    page.wait_for_url("**/logs?service=*")
    # The started line, and the error with the traceback that follows it as one record.
    assert page.locator("#records .rec").count() >= 2
    assert "ValueError: bad value 7" in page.locator("#records .rec.lv-error").first.inner_text()


def test_filter_typed_in_the_form_is_the_url(stack, page, shots):
    page.goto(stack.base + f"/logs?service={PREFIX}api")
    page.fill("#q", "BOOM while  serving")
    page.press("#q", "Enter")
    page.wait_for_url("**q=BOOM+while++serving**")
    rows = page.locator("#records .rec")
    assert rows.count() == 1, rows.count()
    assert page.locator("#records .rec mark").first.inner_text().lower() == "boom while serving"
    page.screenshot(path=os.path.join(shots, "logs-search.png"), full_page=True)


def test_a_printed_line_appears_live(stack, page, shots):
    page.goto(stack.base + f"/logs?service={PREFIX}api")
    page.wait_for_selector("#live-state:text('live')")
    # When each row arrives, by the page's clock (this machine's): against the time Docker gave
    # the line, that is the lag from the container's write to the page.
    page.evaluate("""() => { window.__arrived = {};
        new MutationObserver(() => { for (const row of document.querySelectorAll('#records .rec.new')) {
            if (!(row.dataset.id in window.__arrived)) window.__arrived[row.dataset.id] = performance.timeOrigin + performance.now(); } })
          .observe(document.getElementById('records'), { childList: true }); }""")
    for i in range(20):
        mark = f"LIVE-{os.getpid()}-{i}"
        stack.say(f"INFO {mark}")
        page.wait_for_selector(f"#records .rec:has-text('{mark}')", timeout=10_000)
    arrived = page.evaluate("window.__arrived")
    written = {row["id"]: row["t"] for row in page.eval_on_selector_all(
        "#records .rec.new", "rows => rows.map(r => ({id: r.dataset.id, t: Number(r.dataset.t) / 1e6}))")}
    lags = sorted(arrived[i] - written[i] for i in arrived if i in written)
    assert len(lags) >= 20, lags
    print(f"    live lag (the container's write to the row in the page): p50 {statistics.median(lags):.0f} ms, "
          f"p99 {lags[int(len(lags) * 0.99)]:.0f} ms, max {lags[-1]:.0f} ms over {len(lags)} lines")
    assert lags[-1] < 3000, lags
    # Each new line once, though the page and the stream both could have shown it.
    assert page.locator(f"#records .rec:has-text('LIVE-{os.getpid()}-0')").count() == 1


def test_pause_holds_new_lines_until_resumed(stack, page, shots):
    page.goto(stack.base + f"/logs?service={PREFIX}api")
    page.wait_for_selector("#live-state:text('live')")
    page.keyboard.press("p")
    mark = f"PAUSED-{os.getpid()}"
    stack.say(f"INFO {mark}")
    page.wait_for_selector("#live-state:text('updates waiting')", timeout=10_000)
    assert page.locator(f"#records .rec:has-text('{mark}')").count() == 0
    page.click("#pause")
    page.wait_for_selector(f"#records .rec:has-text('{mark}')", timeout=5_000)


def test_hostile_lines_are_text(stack, page, shots):
    page.goto(stack.base + f"/logs?service={PREFIX}evil&q=script&mode=fixed")
    page.goto(stack.base + f"/logs?service={PREFIX}evil")
    page.wait_for_selector("#records .rec:has-text('END-OF-HOSTILE')")
    assert page.evaluate("window.__pwned") is None
    records = page.locator("#records")
    assert records.locator("script, img, iframe, textarea").count() == 0
    assert records.locator("a[href^='javascript']").count() == 0
    text = records.inner_text()
    for shown in ("<script>window.__pwned=1</script>", '<img src=x onerror="window.__pwned=2">', "</textarea></pre></div>",
                  '<a href="javascript:window.__pwned=4">click me</a>', "osc-link after"):
        assert shown in text, shown
    assert "TITLE-BY-OSC" not in text and page.title() != "TITLE-BY-OSC"
    assert records.locator("span.f1", has_text="RED-TEXT").count() == 1
    assert records.locator("span.f2.ab", has_text="bold green").count() == 1
    assert "\ufffd" in text
    cut = records.locator(".cut")
    assert cut.count() == 1 and "more characters not shown" in cut.inner_text()
    page.screenshot(path=os.path.join(shots, "logs-hostile.png"), full_page=False)
    # The same through the query string: the form shows it as text, nothing runs.
    page.goto(stack.base + "/logs?q=%3C%2Finput%3E%3Cscript%3Ewindow.__pwned%3D9%3C%2Fscript%3E&mode=fixed")
    assert page.evaluate("window.__pwned") is None
    assert page.input_value("#q") == "</input><script>window.__pwned=9</script>"


def test_error_signature_leads_to_its_records(stack, page, shots):
    page.goto(stack.base + f"/errors?service={PREFIX}api&since=1h")
    links = page.locator("ol.signatures a.sig")
    assert links.count() >= 1
    signature = links.first.inner_text()
    page.screenshot(path=os.path.join(shots, "errors.png"), full_page=True)
    links.first.click()
    page.wait_for_url("**sig=**")
    rows = page.locator("#records .rec")
    assert rows.count() >= 1
    assert all(c in ("rec lv-error stderr", "rec lv-fatal stderr", "rec lv-error", "rec lv-fatal")
               for c in rows.evaluate_all("rows => rows.map(r => r.className)")), signature


def test_traceback_is_whole_and_folds(stack, page, shots):
    page.goto(stack.base + f"/logs?service={PREFIX}api&q=Traceback")
    fold = page.locator("#records details.msg").first
    assert "ValueError: bad value 7" in fold.inner_text()
    fold.locator("summary").click()
    assert not fold.evaluate("d => d.open")


def test_resources_and_report_pages(stack, page, shots):
    wait_until(lambda: b'"service"' in get(stack.base + f"/api/trends?service={PREFIX}api&since=10m&metric=mem")[2], 30,
               "a memory sample")
    page.goto(stack.base + "/trends?since=10m")
    assert page.locator(f"svg.chart[data-service='{PREFIX}api'][data-metric='mem']").count() == 1
    page.screenshot(path=os.path.join(shots, "trends.png"), full_page=True)
    page.goto(stack.base + "/report?since=1h")
    assert PREFIX + "api" in page.content()
    page.screenshot(path=os.path.join(shots, "report.png"), full_page=False)


def test_the_timeline_says_what_happened_and_leads_to_its_records(stack, page, shots):
    # A container that crashes with code 3 after its last words, a line a container's owner wrote.
    name = PREFIX + "crash"
    sh("docker", "rm", "-f", name, check=False)
    sh("docker", "run", "-d", "--name", name, "--network", "none", "--label", f"com.docker.compose.service={name}",
       "aclog-busybox", "sh", "-c", "echo '<b>last words</b>'; sleep 1; exit 3")
    wait_until(lambda: b'"kind":"crashed"' in get(stack.base + f"/api/timeline?service={name}&since=10m")[2], 30, "the crash on the timeline")
    page.goto(stack.base + "/")
    page.keyboard.press("t")
    page.wait_for_url("**/timeline")
    page.goto(stack.base + f"/timeline?service={name}&since=10m&detail=1")
    crash = page.locator('li[data-kind="crashed"]')
    assert crash.count() == 1 and "exited with code 3" in crash.inner_text(), page.content()[:2000]
    # The container's text is shown as text, in the crash's last lines.
    assert "| <b>last words</b>" in crash.locator("pre.context").inner_text()
    assert crash.locator("pre.context b").count() == 0
    page.screenshot(path=os.path.join(shots, "timeline.png"), full_page=True)
    crash.locator("a.when").click()
    page.wait_for_url("**/logs?service=*around=*")
    assert "<b>last words</b>" in page.locator("#records").inner_text()
    sh("docker", "rm", "-f", name, check=False)


def test_keys_and_a_phone(stack, page, shots):
    page.goto(stack.base + "/")
    page.keyboard.press("e")
    page.wait_for_url("**/errors")
    page.keyboard.press("l")
    page.wait_for_url("**/logs")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "q"
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(stack.base + f"/logs?service={PREFIX}api")
    assert page.evaluate("document.documentElement.scrollWidth") <= 391
    page.screenshot(path=os.path.join(shots, "logs-phone.png"), full_page=False)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_headers_paths_and_methods(stack, page, shots):
    for path in ("/", "/logs", "/errors", "/trends", "/api/records"):
        status, headers, _ = get(stack.base + path)
        assert status == 200 and "script-src 'self'" in headers["Content-Security-Policy"], (path, headers)
        assert "unsafe-inline" not in headers["Content-Security-Policy"].split("script-src")[1].split(";")[0]
    for target in ("/assets/../../../etc/passwd", "/assets/%2e%2e/%2e%2e/etc/passwd", "/../../etc/hostname", "/Package.swift"):
        answer = raw_request(stack.port, f"GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        assert answer.startswith("HTTP/1.1 404") and "root:" not in answer, (target, answer[:200])
    answer = raw_request(stack.port, "POST /api/records HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
    assert answer.startswith("HTTP/1.1 405"), answer[:100]


def test_beyond_loopback_needs_sign_in(stack, page, shots):
    refused = sh(ACLOG, "serve", "--db", stack.db, "--listen", "0.0.0.0:0", check=False)
    assert refused.returncode == 2 and "needs --users" in refused.stderr and refused.stderr.count("\n") == 1, refused
    hashed = subprocess.run([ACLOG, "serve", "--hash-password"], input="s3cret\n", capture_output=True, text=True, check=True).stdout.strip()
    users = os.path.join(stack.work, "users")
    with open(users, "w") as f:
        f.write(f"# who may see it\nalice:{hashed}\n")
    port = free_port()
    server = subprocess.Popen([ACLOG, "serve", "--db", stack.db, "--listen", f"0.0.0.0:{port}", "--users", users],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert "serving" in server.stdout.readline()
        base = f"http://127.0.0.1:{port}"
        auth = lambda user, password: {"Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}
        assert get(base + "/")[0] == 401
        assert get(base + "/", auth("alice", "s3cret"))[0] == 200
        wrong = get(base + "/api/status", auth("alice", "wrong"))
        unknown = get(base + "/api/status", auth("mallory", "wrong"))
        assert wrong[0] == unknown[0] == 401 and wrong[2] == unknown[2], (wrong, unknown)
        statuses = [get(base + "/", auth("alice", f"guess{i}"))[0] for i in range(6)]
        assert statuses[-1] == 429, statuses
        # Signed in before: still let in, the limit is on failures.
        assert get(base + "/", auth("alice", "s3cret"))[0] == 200
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_page_too_far_behind_says_records_are_missing(stack, page, shots):
    mark = f"BULK-{os.getpid()}"
    stack.say("\n".join(f"INFO {mark} {i}" for i in range(2100)))
    wait_until(lambda: get(f"{stack.base}/api/records?service={PREFIX}api&since=1h&q={mark}")[2].count(b"\n") >= 2100,
               30, "the 2,100 lines stored")
    # The page as if it had been opened before those lines: its stream asks to catch up from
    # before them, more than it sends; the page must say that records are missing, not hide it.
    page.route("**/logs/stream?**", lambda route: route.continue_(url=re.sub(r"after=\d+", "after=0", route.request.url)))
    page.goto(stack.base + f"/logs?service={PREFIX}api")
    page.wait_for_selector("#records .gap:has-text('Records are missing here')", timeout=10_000)
    page.screenshot(path=os.path.join(shots, "logs-behind.png"))


def test_a_page_told_it_fell_behind_asks_again_from_its_last_row(stack, page, shots):
    asked = []
    def stream(route):
        asked.append(route.request.url)
        if len(asked) == 1:
            # What the server sends a page whose updates piled up: the stream ends.
            route.fulfill(status=200, headers={"Content-Type": "text/event-stream"}, body="event: ready\ndata: \n\nevent: behind\ndata: \n\n")
        else:
            route.continue_()
    page.route("**/logs/stream?**", stream)
    # Its one row is older than the newest record stored: the page's own `after` is not that row.
    page.goto(stack.base + f"/logs?service={PREFIX}api&since=1h&q=started")
    # Route handlers run while Playwright is called, not during a sleep.
    for _ in range(50):
        if len(asked) >= 2:
            break
        page.wait_for_timeout(200)
    assert len(asked) >= 2, f"the page did not ask again: {asked}"
    newest = page.eval_on_selector_all("#records [data-id]", "rows => Math.max(...rows.map(r => Number(r.dataset.id)))")
    first, again = (urllib.parse.parse_qs(urllib.parse.urlsplit(url).query) for url in asked[:2])
    assert first["after"] != [str(newest)], (asked, newest)
    assert again["after"] == [str(newest)], (asked, newest)
    assert again["service"] == [PREFIX + "api"] and again["q"] == ["started"], asked
    page.wait_for_selector("#live-state:text('live')")
    mark = f"AFTER-BEHIND-{os.getpid()}"
    stack.say(f"INFO started {mark}")
    page.wait_for_selector(f"#records .rec:has-text('{mark}')", timeout=10_000)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--shots", help="where the screenshots go")
    parser.add_argument("-k", help="run only the tests whose name has this")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="aclog-web.")
    shots = args.shots or work
    os.makedirs(shots, exist_ok=True)
    tests = [(name, f) for name, f in globals().items() if name.startswith("test_") and (not args.k or args.k in name)]
    stack = Stack(work)
    failed = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                        args=["--no-sandbox"])
            for name, test in tests:
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                errors = []
                page.on("pageerror", lambda e: errors.append(str(e)))
                try:
                    test(stack, page, shots)
                    assert not errors, f"script errors in the page: {errors}"
                    print(f"ok   {name}")
                except Exception:
                    failed.append(name)
                    print(f"FAIL {name}\n{traceback.format_exc()}")
                finally:
                    page.close()
            browser.close()
    finally:
        stack.stop()
    # Stopping with live pages open ends their streams before the event loop goes.
    if "Cannot schedule tasks on an EventLoop" in open(os.path.join(work, "collector.log")).read():
        failed.append("the collector's stop wrote to live pages after its event loop had shut down")
    print(f"{len(tests) - len(failed)} of {len(tests)} web tests passed; screenshots in {shots}")
    if failed:
        print("collector log:\n" + open(os.path.join(work, "collector.log")).read()[-3000:])
        sys.exit(1)
    if args.shots:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

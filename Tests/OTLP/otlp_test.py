#!/usr/bin/env python3
"""End-to-end test of aclog's OTLP log export: `aclog collect --otlp` on the test Docker engine
sends to a receiver of this test's own, which decodes each request with OpenTelemetry's official
protobuf definitions (PyPI opentelemetry-proto) and answers 200, 503, 429 and partial success on
command, and is stopped and started again during the run; the collector is killed with SIGKILL
once. Every record aclog stored must arrive (or be one the receiver said it refused), with
OpenTelemetry's attributes, and duplicates stay within one batch.

Run by scripts/test.sh after the Swift tests, with DOCKER_HOST set to the test engine:
    python3 Tests/OTLP/otlp_test.py
"""
import calendar, gzip, json, os, signal, socket, subprocess, sys, tempfile, threading, time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from google.protobuf import json_format
from opentelemetry.proto.collector.logs.v1.logs_service_pb2 import ExportLogsServiceRequest, ExportLogsServiceResponse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from e2e_support import ACLOG, free_port, run_tests, sh, wait_until
NAME = "aclogotlp-web"
BATCH = 2000   # the exporter's most records in one request: the bound on what a crash sends twice








def nanos(rfc3339):
    """`2026-12-05T05:12:32.944046136Z` as nanoseconds since the epoch."""
    whole, _, fraction = rfc3339.rstrip("Z").partition(".")
    seconds = calendar.timegm(time.strptime(whole, "%Y-%m-%dT%H:%M:%S"))
    return seconds * 10**9 + int((fraction + "000000000")[:9])


def attributes(pairs):
    out = {}
    for kv in pairs:
        kind = kv.value.WhichOneof("value")
        value = getattr(kv.value, kind) if kind else None
        if kind == "array_value":
            value = [v.string_value for v in value.values]
        out[kv.key] = value
    return out


class Receiver:
    """An OTLP/HTTP logs receiver: keeps every record of every request it took."""

    def __init__(self, port):
        self.port = port
        self.script = []           # the answers to the next requests, in turn: 503 | 429 | partial; then ok
        self.partial = 3           # records a partial success refuses (fewer when the batch holds fewer)
        self.records = []          # (resource attributes, LogRecord) of every request answered 2xx
        self.refused = []          # the records a partial success refused
        self.requests = Counter()
        self.gzipped = 0
        self.lock = threading.Lock()
        self.server = None
        self.start()

    def start(self):
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with receiver.lock:
                    mode = receiver.script.pop(0) if receiver.script else "ok"
                    receiver.requests[mode] += 1
                    if self.headers.get("Content-Encoding") == "gzip":
                        receiver.gzipped += 1
                        body = gzip.decompress(body)
                    if mode in ("503", "429"):
                        self.send_response(int(mode))
                        if mode == "429":
                            self.send_header("Retry-After", "1")
                        self.end_headers()
                        return
                    request = ExportLogsServiceRequest()
                    if self.headers.get("Content-Type") == "application/json":
                        json_format.Parse(body, request)
                    else:
                        request.ParseFromString(body)
                    received = [(attributes(rl.resource.attributes), r)
                                for rl in request.resource_logs for sl in rl.scope_logs for r in sl.log_records]
                    response = ExportLogsServiceResponse()
                    if mode == "partial":
                        refused, received = received[:receiver.partial], received[receiver.partial:]
                        receiver.refused += refused
                        response.partial_success.rejected_log_records = len(refused)
                        response.partial_success.error_message = "test: refused"
                    receiver.records += received
                answer = response.SerializeToString()
                self.send_response(200)
                self.send_header("Content-Type", "application/x-protobuf")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


class Collector:
    def __init__(self, db, log, endpoint):
        self.db, self.log, self.endpoint = db, log, endpoint
        self.proc = None

    def start(self, *extra, env=None):
        self.proc = subprocess.Popen([ACLOG, "collect", "--db", self.db, "--otlp", self.endpoint, *extra], stdout=open(self.log, "a"),
                                     stderr=subprocess.STDOUT, env=dict(os.environ, **(env or {})))

    def kill(self, sig):
        self.proc.send_signal(sig)
        self.proc.wait(15)

    def aclog(self, *args):
        result = sh(ACLOG, *args, "--db", self.db, check=False)
        assert result.returncode == 0, f"aclog {' '.join(args)}: {result.stderr}"
        return result.stdout


def test_every_record_arrives_through_outages_and_a_crash(work):
    sh("docker", "rm", "-f", NAME, check=False)
    port = free_port()
    receiver = Receiver(port)
    # 30 access lines a second for 20 s, one in 7 a 500; every 100th line a traceback on stderr.
    script = ("i=0; while [ $i -lt 600 ]; do i=$((i+1)); s=200; [ $((i % 7)) = 0 ] && s=500; "
              "echo \"10.0.0.1 - - [05/Dec/2026:05:00:00 +0000] \\\"GET /item/$i?x=1 HTTP/1.1\\\" $s 12 \\\"-\\\" \\\"curl/8\\\"\"; "
              "[ $((i % 100)) = 0 ] && printf 'Traceback (most recent call last):\\n  File \"app.py\", line %s, in run\\nValueError: %s\\n' $i $i >&2; "
              "sleep 0.033; done; exec sleep 3600")
    sh("docker", "run", "-d", "--name", NAME, "--network", "none", "--label", "com.docker.compose.service=web",
       "--label", "com.docker.compose.project=otlp", "aclog-busybox", "sh", "-c", script)
    collector = Collector(os.path.join(work, "otlp.db"), os.path.join(work, "collect.log"), f"http://127.0.0.1:{port}")
    collector.start()
    try:
        wait_until(lambda: len(receiver.records) > 30, 30, "the first records at the receiver")
        receiver.script = ["503", "503", "503", "429", "429", "partial"]
        wait_until(lambda: not receiver.script, 30, "the receiver's 503s, 429s and partial success")
        receiver.stop()                       # the receiver is down: connections refused
        time.sleep(3)
        receiver.start()
        time.sleep(1)
        collector.kill(signal.SIGKILL)        # killed between a batch sent and its acknowledgement, perhaps
        time.sleep(1)
        collector.start()
        # The container prints for 20 s; then everything stored must be acknowledged.
        def drained():
            status = json.loads(collector.aclog("status", "-o", "json"))
            web = sum(1 for l in collector.aclog("tail", "web", "-n", "100000", "-o", "json").splitlines() if '"message"' in l)
            otlp = status["otlp"]
            return otlp and web >= 606 and otlp[0]["behind"] == 0 and (web, int(status["records"]), otlp[0])
        stored, everything, state = wait_until(drained, 90, "every stored record acknowledged")
    finally:
        collector.kill(signal.SIGTERM)
        receiver.stop()
        sh("docker", "rm", "-f", NAME, check=False)

    # 600 access lines and 6 tracebacks, each one record.
    assert stored == 606, stored
    lines = [json.loads(l) for l in collector.aclog("tail", "web", "-n", "100000", "-o", "json").splitlines()]
    lines = [l for l in lines if "message" in l]
    assert len(lines) == 606, len(lines)
    keys = Counter((r.time_unix_nano, r.body.string_value) for _, r in receiver.records)
    refused = {(r.time_unix_nano, r.body.string_value) for _, r in receiver.refused}
    missing = [l for l in lines if (nanos(l["time"]), l["message"]) not in keys and (nanos(l["time"]), l["message"]) not in refused]
    assert not missing, f"{len(missing)} of {len(lines)} records never arrived, e.g. {missing[:3]}"
    duplicates = sum(n - 1 for n in keys.values() if n > 1)
    assert duplicates <= BATCH, duplicates
    # The partial success refused up to 3 records of the batch it answered (a batch resent after
    # an outage may hold fewer): aclog must count exactly those.
    assert 1 <= len(refused) <= 3 and state["rejected"] == len(refused), (len(refused), state)
    assert state["sent"] + state["rejected"] == everything, (state, everything)   # other containers' records too
    assert state["missed"] == 0, state
    assert receiver.requests["503"] == 3 and receiver.requests["429"] == 2 and receiver.requests["partial"] == 1, receiver.requests
    assert receiver.gzipped == sum(receiver.requests.values()), (receiver.gzipped, receiver.requests)

    # What each record says, by OpenTelemetry's data model and semantic conventions.
    full_id = sh("docker", "inspect", "--format", "{{.Id}}", NAME, check=False).stdout.strip()
    resource, access = next((a, r) for a, r in receiver.records if r.body.string_value.startswith("10.0.0.1") and "/item/7?" in r.body.string_value)
    assert resource["service.name"] == "web" and resource["service.namespace"] == "otlp", resource
    assert resource["container.name"] == NAME and resource["container.image.name"] == "aclog-busybox", resource
    assert len(resource["container.id"]) == 64 and resource["host.name"] == socket.gethostname(), resource
    record = attributes(access.attributes)
    assert record["log.iostream"] == "stdout" and record["http.response.status_code"] == 500, record
    assert record["http.request.method"] == "GET" and record["url.path"] == "/item/7" and record["url.query"] == "x=1", record
    assert access.severity_number == 17 and access.severity_text == "ERROR", access
    assert access.observed_time_unix_nano == access.time_unix_nano > 1_700_000_000 * 10**9, access
    stored_line = next(l for l in lines if "/item/7?" in l["message"])
    assert access.body.string_value == stored_line["message"]
    tb = next(r for _, r in receiver.records if r.body.string_value.startswith("Traceback"))
    assert attributes(tb.attributes)["log.iostream"] == "stderr" and tb.body.string_value.count("\n") == 2, tb
    print(f"  {stored} records; received {sum(keys.values())} ({duplicates} twice), refused {len(refused)}; "
          f"requests {dict(receiver.requests)}")
    return full_id


def test_json_without_compression(work):
    """OTLP/JSON as the official definitions parse it, uncompressed when the variables say so."""
    name = NAME + "-json"
    sh("docker", "rm", "-f", name, check=False)
    receiver = Receiver(free_port())
    sh("docker", "run", "-d", "--name", name, "--network", "none", "--label", "com.docker.compose.service=jsonweb", "aclog-busybox", "sh", "-c",
       "for i in 1 2 3 4 5; do echo \"10.0.0.2 - - [05/Dec/2026:05:00:00 +0000] \\\"PUT /j/$i HTTP/1.1\\\" 404 0 \\\"-\\\" \\\"x\\\"\"; done; exec sleep 3600")
    collector = Collector(os.path.join(work, "json.db"), os.path.join(work, "collect.log"), f"http://127.0.0.1:{receiver.port}/v1/logs")
    collector.start("--otlp-protocol", "http/json", env={"OTEL_EXPORTER_OTLP_COMPRESSION": "none"})
    try:
        mine = lambda: [(a, r) for a, r in receiver.records if a.get("service.name") == "jsonweb"]
        wait_until(lambda: len(mine()) == 5, 30, "five JSON records")
    finally:
        collector.kill(signal.SIGTERM)
        receiver.stop()
        sh("docker", "rm", "-f", name, check=False)
    assert receiver.gzipped == 0, receiver.gzipped
    resource, record = mine()[0]
    fields = attributes(record.attributes)
    assert fields["http.response.status_code"] == 404 and fields["http.request.method"] == "PUT" and fields["url.path"] == "/j/1", fields
    assert record.severity_number == 13 and record.severity_text == "WARN", record     # a 404 is a warning
    stored = json.loads(collector.aclog("tail", "jsonweb", "-n", "1", "-o", "json").splitlines()[0])
    assert nanos(stored["time"]) in {r.time_unix_nano for _, r in mine()}, stored


def main():
    work = tempfile.mkdtemp(prefix="aclog-otlp-")
    run_tests([("every record arrives through 503, 429, partial success, a receiver down and a SIGKILL",
                lambda: test_every_record_arrives_through_outages_and_a_crash(work)),
               ("http/json, uncompressed", lambda: test_json_without_compression(work))], work, ["collect.log"])


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""End-to-end tests of aclog's Prometheus door: Debian's `prometheus` scrapes two aclog hosts (a
collector with `--metrics` and one with `--serve`, each its own database) on the test Docker
engine, and what PromQL answers must agree with what aclog itself answers. Also checks the
alerting rules of dashboards/ with `promtool check rules` and `promtool test rules`.

Run by scripts/test.sh after the Swift tests, with DOCKER_HOST set to the test engine:
    python3 Tests/Prometheus/prometheus_test.py
"""
import json, os, signal, subprocess, sys, tempfile, time, urllib.parse, urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from e2e_support import ACLOG, ROOT, free_port, run_tests, sh, wait_until
PREFIX = "aclogprom-"
ACCESS = '127.0.0.1 - - [05/Dec/2026:05:00:00 +0000] "GET /api/items HTTP/1.1" {status} 12 "-" "curl/8.4.0"'






def get(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read().decode()




class Host:
    """One aclog "host": a collector writing its own database, serving /metrics."""

    def __init__(self, work, name, flag):
        self.db = os.path.join(work, f"{name}.db")
        self.log = os.path.join(work, f"{name}.log")
        self.port = free_port()
        self.proc = subprocess.Popen([ACLOG, "collect", "--db", self.db, "--stats-interval", "2s", flag, f"127.0.0.1:{self.port}"],
                                     stdout=open(self.log, "w"), stderr=subprocess.STDOUT)
        self.target = f"127.0.0.1:{self.port}"
        wait_until(lambda: self.scrape(), 30, f"{name}'s /metrics")

    def scrape(self):
        try:
            return get(f"http://{self.target}/metrics")
        except OSError:
            return None

    def aclog(self, *args):
        result = sh(ACLOG, *args, "--db", self.db, check=False)
        assert result.returncode == 0, f"aclog {' '.join(args)}: {result.stderr}"
        return result.stdout

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()


class Prometheus:
    def __init__(self, work, targets):
        self.port = free_port()
        config = os.path.join(work, "prometheus.yml")
        with open(config, "w") as f:
            f.write("global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n  evaluation_interval: 1s\n"
                    "scrape_configs:\n  - job_name: aclog\n    static_configs:\n"
                    f"      - targets: [{', '.join(repr(t) for t in targets)}]\n")
        self.log = os.path.join(work, "prometheus.log")
        self.proc = subprocess.Popen(["prometheus", f"--config.file={config}", f"--storage.tsdb.path={os.path.join(work, 'tsdb')}",
                                      f"--web.listen-address=127.0.0.1:{self.port}", "--log.level=warn"],
                                     stdout=open(self.log, "w"), stderr=subprocess.STDOUT)
        wait_until(lambda: self.ready(), 60, "prometheus to answer")

    def ready(self):
        try:
            return get(f"http://127.0.0.1:{self.port}/-/ready") is not None
        except OSError:
            return False

    def query(self, promql, at=None):
        """The instant vector as {instance: value}."""
        params = {"query": promql}
        if at is not None:
            params["time"] = f"{at:.3f}"
        answer = json.loads(get(f"http://127.0.0.1:{self.port}/api/v1/query?" + urllib.parse.urlencode(params)))
        assert answer["status"] == "success", answer
        return {r["metric"].get("instance", ""): float(r["value"][1]) for r in answer["data"]["result"]}

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def remove_containers():
    for name in sh("docker", "ps", "-aq", "--filter", f"name={PREFIX}").stdout.split():
        sh("docker", "rm", "-f", name)


def run_container(name, service, script, *extra):
    sh("docker", "run", "-d", "--name", PREFIX + name, "--network", "none", "--label", f"com.docker.compose.service={service}",
       "--label", "com.docker.compose.project=prom", *extra, "aclog-busybox", "sh", "-c", script)


def errors_totals(host, since):
    """aclog errors for the web service: (records, errors, requests, 5xx), every bucket summed."""
    totals = [0, 0, 0, 0]
    for line in host.aclog("errors", "web", "--since", since, "-o", "json").splitlines():
        row = json.loads(line)
        if row.get("type") == "bucket":
            for i, key in enumerate(["records", "errors", "requests", "server_errors"]):
                totals[i] += row[key]
    return totals


def test_two_hosts_agree_with_aclog(work):
    remove_containers()
    # A web container that logs one 200 and one 503 now, and what the test writes to it later.
    run_container("web", "web", f"echo '{ACCESS.format(status=200)}'; echo '{ACCESS.format(status=503)}'; exec sleep 3600")
    run_container("burner", "burner", "while :; do :; done", "--cpus", "0.5", "--memory", "64m")
    a = Host(work, "host-a", "--metrics")
    b = Host(work, "host-b", "--serve")
    prom = Prometheus(work, [a.target, b.target])
    try:
        # Both formats valid for Prometheus's own checker.
        for host in (a, b):
            check = subprocess.run(["promtool", "check", "metrics"], input=host.scrape(), capture_output=True, text=True)
            assert check.returncode == 0, f"promtool check metrics on {host.target}: {check.stdout}{check.stderr}"
        wait_until(lambda: prom.query("up") == {a.target: 1.0, b.target: 1.0}, 30, "both hosts up in prometheus")

        # The baseline: both records stored by both hosts and scraped.
        def total(selector, offset=""):
            return f"sum by (instance) ({selector}{' offset ' + offset if offset else ''})"
        records_of_web = 'aclog_log_records_total{service="web"}'
        fives_of_web = 'aclog_http_responses_total{service="web",code="5xx"}'
        records = total(records_of_web)
        wait_until(lambda: prom.query(records) == {a.target: 2.0, b.target: 2.0}, 30, "the first two records in prometheus")
        t1 = time.time()
        before = {h.target: errors_totals(h, "15m") for h in (a, b)}
        assert all(v == [2, 1, 2, 1] for v in before.values()), before

        # 40 more lines, 10 of them 5xx, written to the container's output.
        lines = [ACCESS.format(status=503 if i % 4 == 0 else 200) for i in range(40)]
        script = "; ".join(f"echo '{line}'" for line in lines)
        sh("docker", "exec", PREFIX + "web", "sh", "-c", f"({script}) > /proc/1/fd/1")
        wait_until(lambda: prom.query(records) == {a.target: 42.0, b.target: 42.0}, 30, "42 records in prometheus")
        time.sleep(1.5)
        t2 = time.time()
        after = {h.target: errors_totals(h, "15m") for h in (a, b)}
        window = f"{int((t2 - t1) * 1000)}ms"
        prom_records = prom.query(f"{records} - {total(records_of_web, window)}", at=t2)
        prom_fives = prom.query(f"{total(fives_of_web)} - {total(fives_of_web, window)}", at=t2)
        for host in (a, b):
            increase = [x - y for x, y in zip(after[host.target], before[host.target])]
            assert increase == [40, 10, 40, 10], (host.target, after, before)
            assert prom_records[host.target] == increase[0], (prom_records, increase)
            assert prom_fives[host.target] == increase[3], (prom_fives, increase)
        errors = prom.query('sum by (instance) (aclog_log_records_total{service="web",level=~"error|fatal"})', at=t2)
        assert errors == {h.target: float(after[h.target][1]) for h in (a, b)}, (errors, after)

        # CPU: the rate of the counter, and aclog trend over the same 30 s, within 10 points.
        wait_until(lambda: time.time() - t1 > 35, 60, "35 s of samples")
        t3 = time.time()
        cpu = prom.query('rate(container_cpu_usage_seconds_total{service="burner"}[30s]) * 100', at=t3)
        for host in (a, b):
            trend = json.loads(host.aclog("trend", "burner", "--metric", "cpu", "--since", "30s", "-o", "json"))
            averages = [p["avg"] for p in trend["points"]]
            assert averages, trend
            mean = sum(averages) / len(averages)
            assert abs(cpu[host.target] - mean) <= 10, (host.target, cpu, averages)
            assert 35 <= cpu[host.target] <= 65, (host.target, cpu)   # --cpus 0.5
        quota = prom.query('container_spec_cpu_quota{service="burner"} / container_spec_cpu_period{service="burner"}')
        assert quota == {a.target: 0.5, b.target: 0.5}, quota

        # Every panel of the Grafana dashboard shows data for both hosts.
        panels = sh(sys.executable, os.path.join(ROOT, "scripts", "grafana_prometheus_dashboard.py"), "--exprs").stdout.splitlines()
        assert len(panels) >= 10, panels
        for line in map(json.loads, panels):
            answer = prom.query(line["expr"], at=t3)
            assert set(answer) == {a.target, b.target}, (line, answer)
        print(f"  two hosts: records +{prom_records}, 5xx +{prom_fives}, cpu {cpu}")
    finally:
        prom.stop()
        a.stop()
        b.stop()
        remove_containers()


def test_alerting_rules():
    rules = os.path.join(ROOT, "dashboards", "prometheus-alerts.yml")
    check = sh("promtool", "check", "rules", rules, check=False)
    assert check.returncode == 0, check.stdout + check.stderr
    unit = sh("promtool", "test", "rules", os.path.join(ROOT, "Tests", "Prometheus", "alerts_test.yml"), check=False)
    assert unit.returncode == 0, unit.stdout + unit.stderr


def main():
    work = tempfile.mkdtemp(prefix="aclog-prom-")
    run_tests([("alerting rules pass promtool", test_alerting_rules),
               ("two hosts, PromQL agrees with aclog", lambda: test_two_hosts_agree_with_aclog(work))],
              work, ["host-a.log", "host-b.log", "prometheus.log"])


if __name__ == "__main__":
    main()

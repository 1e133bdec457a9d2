#!/usr/bin/env bash
# Runs every test of aclog from nothing: installs what the tests need from Debian (SQLite headers,
# the Docker engine, busybox, Chromium, Prometheus, opentelemetry-proto), starts a private Docker engine, builds, runs unit and end-to-end
# tests, and stops the engine. Needs root (dockerd does).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
[ -f /usr/include/sqlite3.h ] || need+=(libsqlite3-dev)
[ -f /usr/include/zlib.h ] || need+=(zlib1g-dev)
command -v sqlite3 >/dev/null 2>&1 || need+=(sqlite3)
command -v script >/dev/null 2>&1 || need+=(bsdutils)
# The nightly report's HTML and the web view are opened in headless Chromium.
command -v chromium >/dev/null 2>&1 || need+=(chromium)
# The alerts' https test makes a certificate no authority signed; aclog checks against the system's.
command -v openssl >/dev/null 2>&1 || need+=(openssl)
[ -f /etc/ssl/certs/ca-certificates.crt ] || need+=(ca-certificates)
# /metrics is scraped by a real Prometheus; promtool checks it, the alerting rules and the dashboard's PromQL.
command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1 || need+=(prometheus)
if [ ${#need[@]} -gt 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

# The web view's tests drive that Chromium with Playwright for Python (no browser download).
python3 -c 'import playwright' 2>/dev/null || python3 -m pip install -q playwright
# The OTLP test's receiver decodes with OpenTelemetry's own protobuf definitions.
python3 -c 'import opentelemetry.proto' 2>/dev/null || python3 -m pip install -q opentelemetry-proto

export ACLOG_ENGINE_DIR=${ACLOG_ENGINE_DIR:-/tmp/aclog-engine-test}
eval "export $(scripts/engine.sh start)"
trap 'scripts/engine.sh stop' EXIT

# The Grafana dashboard's SQL must be the text of Queries/panel_*.sql (and run on the schema).
python3 scripts/grafana_dashboard.py --check
python3 scripts/grafana_prometheus_dashboard.py --check

swift build --build-tests
# The tests' databases and logs go to a folder of this run, removed when every test passed.
scratch=$(mktemp -d /tmp/aclog-tests.XXXXXX)
# Each stage has a limit far above its usual time: a hang fails it by name, not CI by its clock.
TMPDIR=$scratch ACLOG_E2E=1 timeout -k 10 2400 swift test --skip-build
# The web view in a real browser, against a collector serving it on the same engine.
timeout -k 10 900 python3 Tests/Web/web_test.py --shots "$scratch/web-shots"
# Prometheus scraping two aclog hosts: PromQL must agree with aclog; the alerting rules' unit tests.
timeout -k 10 900 python3 Tests/Prometheus/prometheus_test.py
# The OTLP export against a receiver of the test's own, through outages and a SIGKILL.
timeout -k 10 900 python3 Tests/OTLP/otlp_test.py

# The benchmarks at small sizes (about a minute, on the same engine): no ratio to its same-run
# baseline may fall below half its committed figure (scripts/bench/quick-figures.json).
swift build -c release --static-swift-stdlib
# All of Foundation (with ICU) costs every aclog process 1 ms and the collector 5 MB
# (docs/performance.md); a dependency that imports it would link it back in.
if nm .build/release/aclog | grep -qE ' (icudt[0-9]+_dat|\$s10Foundation6NSLockC)'; then
    echo "test.sh: the release binary links all of Foundation again (ICU data found)" >&2
    exit 1
fi
python3 scripts/bench/suite.py --quick --work "$scratch/bench"
rm -rf "$scratch"

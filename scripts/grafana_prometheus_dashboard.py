#!/usr/bin/env python3
"""Generates dashboards/grafana-prometheus.json, a Grafana dashboard over the metrics aclog serves
at /metrics, as Prometheus stores them: one row of panels per host or for every host
(the `instance` variable), with cAdvisor's container metrics and aclog's own.

The panels are the PANELS list below: title, unit, and PromQL with Grafana's variables
($instance, $__rate_interval). Before writing, each expression is given to `promtool check rules`
as a recording rule (variables filled in as Grafana fills them), so a panel whose PromQL does not
parse is never written. Tests/Prometheus/prometheus_test.py evaluates every panel against a real
Prometheus scraping real aclog hosts and requires data from each.

    scripts/grafana_prometheus_dashboard.py            write the dashboard
    scripts/grafana_prometheus_dashboard.py --check    exit 1 if the file is not what would be written now
    scripts/grafana_prometheus_dashboard.py --exprs    print each panel's PromQL as Grafana sends it (one JSON per line)

Exit 2, writing nothing, when an expression does not parse (or promtool is missing).
"""

import argparse
import difflib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "dashboards" / "grafana-prometheus.json"
DATASOURCE = {"type": "prometheus", "uid": "${datasource}"}
HOSTS = 'instance=~"$instance"'

# (title, unit, width, [(legend, PromQL)], description)
PANELS = [
    ("CPU per container (percent of one core)", "percent", 12,
     [("{{instance}} {{name}}", f"sum by (instance, name) (rate(container_cpu_usage_seconds_total{{{HOSTS}}}[$__rate_interval])) * 100")],
     "From container_cpu_usage_seconds_total, which aclog sums from docker stats; 100 is one full core."),
    ("Memory per container", "bytes", 12,
     [("{{instance}} {{name}}", f"container_memory_working_set_bytes{{{HOSTS}}}")],
     "Docker's memory figure (without the inactive file cache)."),
    ("Memory of the limit", "percentunit", 12,
     [("{{instance}} {{name}}", f"container_memory_working_set_bytes{{{HOSTS}}} / (container_spec_memory_limit_bytes{{{HOSTS}}} > 0)")],
     "Containers with a memory limit only."),
    ("Network per container", "Bps", 12,
     [("{{instance}} {{name}} in", f"rate(container_network_receive_bytes_total{{{HOSTS}}}[$__rate_interval])"),
      ("{{instance}} {{name}} out", f"rate(container_network_transmit_bytes_total{{{HOSTS}}}[$__rate_interval])")],
     "Bytes per second over every interface of the container."),
    ("Log records per second", "short", 12,
     [("{{instance}} {{service}} {{level}}", f"sum by (instance, service, level) (rate(aclog_log_records_total{{{HOSTS}}}[$__rate_interval]))")],
     "Records aclog stored, by service and level."),
    ("Error rate (error and fatal records)", "percentunit", 12,
     [("{{instance}} {{service}}", f'sum by (instance, service) (rate(aclog_log_records_total{{{HOSTS},level=~"error|fatal"}}[$__rate_interval]))'
                                   f" / sum by (instance, service) (rate(aclog_log_records_total{{{HOSTS}}}[$__rate_interval]))")],
     "As aclog errors counts them: error and fatal records over all records."),
    ("5xx rate (HTTP responses)", "percentunit", 12,
     [("{{instance}} {{service}}", f'sum by (instance, service) (rate(aclog_http_responses_total{{{HOSTS},code="5xx"}}[$__rate_interval]))'
                                   f" / sum by (instance, service) (rate(aclog_http_responses_total{{{HOSTS}}}[$__rate_interval]))")],
     "Services whose access lines aclog parses (nginx, uvicorn, gunicorn, Vite, ...)."),
    ("Restarts and OOM kills", "short", 12,
     [("{{instance}} {{service}} restarts", f"sum by (instance, service) (increase(aclog_container_restarts_total{{{HOSTS}}}[$__rate_interval]))"),
      ("{{instance}} {{service}} OOM kills", f"sum by (instance, service) (increase(aclog_container_oom_kills_total{{{HOSTS}}}[$__rate_interval]))")],
     "A restart is a start after a die of the same container."),
    ("aclog: commit time, p99", "s", 8,
     [("{{instance}}", f"histogram_quantile(0.99, sum by (instance, le) (rate(aclog_collector_write_batch_duration_seconds_bucket{{{HOSTS}}}[$__rate_interval])))")],
     "How long the collector's commits take (served by aclog collect --metrics or --serve)."),
    ("aclog: containers read", "short", 8,
     [("{{instance}}", f"aclog_collector_streams_followed{{{HOSTS}}}")],
     "Containers whose logs each collector reads now."),
    ("aclog: database size", "bytes", 8,
     [("{{instance}}", f"aclog_database_bytes{{{HOSTS}}}")],
     "The database file with its write-ahead log."),
]


class GenerationError(Exception):
    pass


def as_grafana_sends(expr):
    """The expression with Grafana's variables filled in as for a short range over every host."""
    return expr.replace("$__rate_interval", "30s").replace('"$instance"', '".*"')


def exprs():
    return [(title, as_grafana_sends(expr)) for title, _, _, targets, _ in PANELS for _, expr in targets]


def check_promql():
    """Every expression through `promtool check rules`, as recording rules."""
    lines = ["groups:", "  - name: aclog-dashboard", "    rules:"]
    for i, (_, expr) in enumerate(exprs()):
        lines += [f"      - record: aclog:dashboard_panel_{i}", f"        expr: {json.dumps(expr)}"]
    with tempfile.NamedTemporaryFile("w", suffix=".yml", delete=False) as f:
        f.write("\n".join(lines) + "\n")
    try:
        result = subprocess.run(["promtool", "check", "rules", f.name], capture_output=True, text=True)
    except FileNotFoundError:
        raise GenerationError("promtool is not installed (Debian: apt-get install prometheus)")
    finally:
        os.unlink(f.name)
    if result.returncode != 0:
        raise GenerationError(f"a panel's PromQL does not parse:\n{result.stdout}{result.stderr}")


def panel(index, title, unit, width, targets, description, x, y):
    return {
        "id": index,
        "type": "timeseries",
        "title": title,
        "description": description,
        "datasource": DATASOURCE,
        "gridPos": {"h": 8, "w": width, "x": x, "y": y},
        "fieldConfig": {
            "defaults": {
                "unit": unit,
                "min": 0,
                "custom": {"drawStyle": "line", "lineWidth": 1, "fillOpacity": 10, "showPoints": "never", "spanNulls": False},
            },
            "overrides": [],
        },
        "options": {
            "legend": {"displayMode": "list", "placement": "bottom", "showLegend": True},
            "tooltip": {"mode": "multi", "sort": "desc"},
        },
        "targets": [
            {"refId": chr(ord("A") + i), "datasource": DATASOURCE, "expr": expr, "legendFormat": legend, "range": True}
            for i, (legend, expr) in enumerate(targets)
        ],
    }


def dashboard():
    panels, x, y = [], 0, 0
    for index, (title, unit, width, targets, description) in enumerate(PANELS, start=1):
        if x + width > 24:
            x, y = 0, y + 8
        panels.append(panel(index, title, unit, width, targets, description, x, y))
        x += width
    return {
        "__inputs": [],
        "__requires": [
            {"type": "grafana", "id": "grafana", "name": "Grafana", "version": "9.0.0"},
            {"type": "datasource", "id": "prometheus", "name": "Prometheus", "version": "1.0.0"},
            {"type": "panel", "id": "timeseries", "name": "Time series", "version": ""},
        ],
        "title": "aclog fleet",
        "uid": "aclog-prometheus",
        "description": "Containers (cAdvisor's metric names) and logs (records, errors, 5xx, restarts) of every host whose aclog "
                       "Prometheus scrapes. Generated by scripts/grafana_prometheus_dashboard.py: edit that, not this file.",
        "tags": ["aclog", "docker", "prometheus"],
        "editable": True,
        "graphTooltip": 1,
        "id": None,
        "links": [],
        "refresh": "30s",
        "schemaVersion": 39,
        "version": 1,
        "time": {"from": "now-6h", "to": "now"},
        "timepicker": {},
        "timezone": "",
        "annotations": {"list": []},
        "templating": {
            "list": [
                {"name": "datasource", "label": "Prometheus", "type": "datasource", "query": "prometheus", "regex": "",
                 "current": {}, "options": [], "hide": 0, "includeAll": False, "multi": False, "refresh": 1, "skipUrlSync": False},
                {"name": "instance", "label": "host", "type": "query", "datasource": DATASOURCE,
                 "definition": "label_values(aclog_collector_up, instance)",
                 "query": {"query": "label_values(aclog_collector_up, instance)", "refId": "instances"},
                 "current": {}, "options": [], "hide": 0, "includeAll": True, "allValue": ".*", "multi": True,
                 "refresh": 2, "regex": "", "sort": 1, "skipUrlSync": False},
            ]
        },
        "panels": panels,
    }


def render():
    return json.dumps(dashboard(), indent=2, ensure_ascii=False) + "\n"


def main():
    parser = argparse.ArgumentParser(description="Generate dashboards/grafana-prometheus.json.")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if the file differs from what would be generated")
    parser.add_argument("--exprs", action="store_true", help="print each panel's PromQL as Grafana sends it, one JSON per line")
    args = parser.parse_args()
    if args.exprs:
        for title, expr in exprs():
            print(json.dumps({"panel": title, "expr": expr}))
        return
    try:
        check_promql()
        text = render()
    except GenerationError as error:
        print(f"grafana_prometheus_dashboard.py: {error}", file=sys.stderr)
        sys.exit(2)
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            diff = difflib.unified_diff(current.splitlines(), text.splitlines(), str(OUTPUT), "generated", lineterm="")
            print("\n".join(list(diff)[:40]), file=sys.stderr)
            print(f"{OUTPUT.relative_to(ROOT)} is not what scripts/grafana_prometheus_dashboard.py writes: run it", file=sys.stderr)
            sys.exit(1)
        return
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)} ({len(PANELS)} panels)")


if __name__ == "__main__":
    main()

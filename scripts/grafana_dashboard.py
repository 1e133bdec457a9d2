#!/usr/bin/env python3
"""Generates dashboards/grafana-aclog.json, a Grafana dashboard over aclog's SQLite file.

One time-series panel per Queries/panel_*.sql, for the SQLite data source plugin
frser-sqlite-datasource. Each panel runs the named query's SQL with its parameters replaced by
Grafana variables, in parentheses so that the SQL around them keeps its meaning:

    :since   ->  ($__from * 1000000)          the range start, ms -> ns
    :until   ->  ($__to * 1000000)            the range end, ms -> ns
    :bucket  ->  ($__interval_ms * 1000000)   Grafana's interval for the panel, ms -> ns

and wrapped so that `time` is in seconds, which is what the plugin reads as a Unix time:

    SELECT time / 1000000000 AS time, service, value FROM (<the query>) ORDER BY 1, 2

The plugin turns the rows (time, service, value) into one series per service (its long-to-wide
conversion makes `service` a label). Before writing, every query is run against an empty database
made from Migrations/*.sql, as `aclog sql --query` binds it and as the panel sends it, to check
that it returns the columns time, service, value.

    scripts/grafana_dashboard.py            write the dashboard
    scripts/grafana_dashboard.py --check    exit 1 if the file is not what would be written now

Exit 2, writing nothing, when a panel query cannot be made into a panel.
"""

import argparse
import difflib
import json
import re
import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "Queries"
MIGRATIONS = ROOT / "Migrations"
OUTPUT = ROOT / "dashboards" / "grafana-aclog.json"

PLUGIN = "frser-sqlite-datasource"
DATASOURCE = {"type": PLUGIN, "uid": "${datasource}"}

# What each parameter of a panel query becomes in Grafana. Always in parentheses: the queries
# use them next to `%` and `*`, which bind as tightly as each other.
MACROS = {
    "since": "($__from * 1000000)",
    "until": "($__to * 1000000)",
    "bucket": "($__interval_ms * 1000000)",
}
COLUMNS = ["time", "service", "value"]

# Title, unit, draw style and size per panel; a panel_*.sql not named here gets a plain line
# panel titled from its name, half the width.
STYLE = {
    "panel_log_volume": {"title": "Log records per interval", "unit": "short", "draw": "bars", "width": 24},
    "panel_error_rate": {"title": "Error rate (error and fatal records)", "unit": "percentunit"},
    "panel_server_error_rate": {"title": "5xx rate (HTTP responses)", "unit": "percentunit"},
    "panel_cpu": {"title": "CPU (percent of one core)", "unit": "percent"},
    "panel_memory": {"title": "Memory", "unit": "bytes"},
}
ORDER = list(STYLE)

PARAMETER = re.compile(r"(?<![\w:]):([A-Za-z_]\w*)")


class GenerationError(Exception):
    pass


def read_query(path):
    """(description, body): the first comment line without its `name:`, and the SQL between the
    leading and trailing comment lines, without the final semicolon."""
    lines = path.read_text(encoding="utf-8").splitlines()
    header = []
    while lines and lines[0].lstrip().startswith("--"):
        header.append(lines.pop(0).lstrip()[2:].strip())
    while lines and (not lines[-1].strip() or lines[-1].lstrip().startswith("--")):
        lines.pop()
    body = "\n".join(lines).strip()
    if body.endswith(";"):
        body = body[:-1].rstrip()
    if not header or not body:
        raise GenerationError(f"{path.relative_to(ROOT)}: expected '-- NAME: description' lines, then one statement")
    description = header[0]
    prefix = path.stem + ":"
    if description.startswith(prefix):
        description = description[len(prefix):].strip()
    if ";" in body:
        raise GenerationError(f"{path.relative_to(ROOT)}: one statement only (found ';' inside)")
    return description, body


def grafana_sql(name, body):
    unknown = sorted(set(PARAMETER.findall(body)) - set(MACROS))
    if unknown:
        raise GenerationError(
            f"Queries/{name}.sql: parameter(s) {', '.join(':' + p for p in unknown)} have no Grafana "
            f"equivalent (panel queries may use {', '.join(':' + p for p in MACROS)})")
    inner = PARAMETER.sub(lambda m: MACROS[m.group(1)], body)
    indented = "\n".join("  " + line if line else line for line in inner.splitlines())
    return (f"-- Generated from Queries/{name}.sql by scripts/grafana_dashboard.py\n"
            f"SELECT time / 1000000000 AS time, service, value FROM (\n{indented}\n)\nORDER BY 1, 2")


def empty_database():
    db = sqlite3.connect(":memory:")
    for migration in sorted(MIGRATIONS.glob("*.sql")):
        try:
            # Only aclog registers its search tokenizer; no panel reads the search index.
            sql = migration.read_text(encoding="utf-8").replace("'aclog_words'", "'unicode61'")
            db.executescript(sql)
        except sqlite3.Error as error:
            raise GenerationError(f"cannot apply {migration.relative_to(ROOT)} to check the queries: {error}")
    return db


def check_columns(db, name, body, panel_sql):
    """Runs the named query as `aclog sql --query` binds it and the panel SQL with the Grafana
    variables as Grafana fills them in; both must return time, service, value."""
    hour_ns, now_ms = 3_600_000_000_000, 1_800_000_000_000
    runs = [
        ("the named query", body, {"since": 0, "until": 2**63 - 1, "bucket": hour_ns}),
        ("the panel SQL", panel_sql.replace("$__interval_ms", "60000").replace("$__from", str(now_ms - 86_400_000))
                                   .replace("$__to", str(now_ms)), {}),
    ]
    for what, sql, parameters in runs:
        try:
            cursor = db.execute(sql, parameters)
            cursor.fetchall()
        except sqlite3.Error as error:
            raise GenerationError(f"Queries/{name}.sql: {what} does not run: {error}")
        columns = [d[0] for d in cursor.description]
        if columns != COLUMNS:
            raise GenerationError(f"Queries/{name}.sql: {what} returns {columns}, not {COLUMNS}")


def panel(index, name, description, sql, y, x):
    style = STYLE.get(name, {})
    width = style.get("width", 12)
    target = {
        "refId": "A",
        "datasource": DATASOURCE,
        "queryType": "time series",
        "rawQueryText": sql,
        "queryText": sql,
        "timeColumns": ["time"],
    }
    return {
        "id": index,
        "type": "timeseries",
        "title": style.get("title", name.removeprefix("panel_").replace("_", " ").capitalize()),
        "description": f"{description[:1].upper()}{description[1:].rstrip('.')}. From Queries/{name}.sql.",
        "datasource": DATASOURCE,
        "gridPos": {"h": 8, "w": width, "x": x, "y": y},
        # The counts and rollups are per minute: a finer interval shows nothing more.
        "interval": "1m",
        "fieldConfig": {
            "defaults": {
                "unit": style.get("unit", "short"),
                "min": 0,
                # The plugin labels each series with service="..."; show just the name.
                "displayName": "${__field.labels.service}",
                "custom": {
                    "drawStyle": style.get("draw", "line"),
                    "lineWidth": 1,
                    "fillOpacity": 10 if style.get("draw", "line") == "line" else 60,
                    "showPoints": "never",
                    "spanNulls": False,
                },
            },
            "overrides": [],
        },
        "options": {
            "legend": {"displayMode": "list", "placement": "bottom", "showLegend": True},
            "tooltip": {"mode": "multi", "sort": "desc"},
        },
        "targets": [target],
    }


def dashboard():
    files = sorted(QUERIES.glob("panel_*.sql"))
    if not files:
        raise GenerationError("no Queries/panel_*.sql")
    names = sorted((f.stem for f in files), key=lambda n: (ORDER.index(n) if n in ORDER else len(ORDER), n))
    db = empty_database()
    panels, x, y = [], 0, 0
    for index, name in enumerate(names, start=1):
        description, body = read_query(QUERIES / f"{name}.sql")
        sql = grafana_sql(name, body)
        check_columns(db, name, body, sql)
        width = STYLE.get(name, {}).get("width", 12)
        if x + width > 24:
            x, y = 0, y + 8
        panels.append(panel(index, name, description, sql, y, x))
        x += width
    return {
        "__inputs": [],
        "__requires": [
            {"type": "grafana", "id": "grafana", "name": "Grafana", "version": "9.0.0"},
            {"type": "datasource", "id": PLUGIN, "name": "SQLite", "version": "3.0.0"},
            {"type": "panel", "id": "timeseries", "name": "Time series", "version": ""},
        ],
        "title": "aclog",
        "uid": "aclog-overview",
        "description": "Log volume, error and 5xx rates, CPU and memory per service, from aclog's SQLite file. "
                       "Generated by scripts/grafana_dashboard.py from Queries/panel_*.sql: edit those, not this file.",
        "tags": ["aclog", "docker"],
        "editable": True,
        "graphTooltip": 1,
        "id": None,
        "links": [],
        "refresh": "1m",
        "schemaVersion": 39,
        "version": 1,
        "time": {"from": "now-24h", "to": "now"},
        "timepicker": {},
        "timezone": "",
        "annotations": {"list": []},
        "templating": {
            "list": [
                {
                    "name": "datasource",
                    "label": "aclog database",
                    "description": f"A {PLUGIN} data source whose path is aclog's database file",
                    "type": "datasource",
                    "query": PLUGIN,
                    "regex": "",
                    "current": {},
                    "options": [],
                    "hide": 0,
                    "includeAll": False,
                    "multi": False,
                    "refresh": 1,
                    "skipUrlSync": False,
                }
            ]
        },
        "panels": panels,
    }


def render():
    return json.dumps(dashboard(), indent=2, ensure_ascii=False) + "\n"


def main():
    parser = argparse.ArgumentParser(description="Generate dashboards/grafana-aclog.json from Queries/panel_*.sql.")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if the file differs from what would be generated")
    args = parser.parse_args()
    try:
        text = render()
    except GenerationError as error:
        print(f"grafana_dashboard.py: {error}", file=sys.stderr)
        return 2
    relative = OUTPUT.relative_to(ROOT)
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current == text:
            return 0
        diff = difflib.unified_diff(current.splitlines(), text.splitlines(), f"{relative} (in the tree)",
                                    f"{relative} (generated)", lineterm="", n=1)
        print(f"{relative} is out of date: run scripts/grafana_dashboard.py", file=sys.stderr)
        for line in list(diff)[:40]:
            print(line, file=sys.stderr)
        return 1
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {relative} ({len(json.loads(text)['panels'])} panels)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

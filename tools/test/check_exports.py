#!/usr/bin/env python3
"""Reads every export in a folder with independent tools and prints what they found as JSON.

.ics: python `icalendar` and python `ical` (strict by default; its compat modes are not used).
.csv: python's csv module (RFC 4180 dialect as Excel writes it).
plan.md: Debian's cmark-gfm with the GitHub table extension; the HTML tables are counted and
every row's cells compared with its table's header.
Usage: check_exports.py DIR
"""
import csv
import html.parser
import json
import os
import subprocess
import sys


def check_ics(path):
    out = {"error": None}
    data = open(path, "rb").read()
    try:
        import icalendar
        cal = icalendar.Calendar.from_ical(data)
        out["icalendar_events"] = len(cal.walk("VEVENT"))
        out["icalendar_todos"] = len(cal.walk("VTODO"))
        out["icalendar_errors"] = sum(len(c.errors) for c in cal.walk())
    except Exception as e:  # noqa: BLE001 - reported, not hidden
        out["error"] = "icalendar: %r" % e
        return out
    try:
        from ical.calendar_stream import IcsCalendarStream
        c = IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
        out["ical_events"] = len(c.events)
        out["ical_todos"] = len(c.todos)
    except Exception as e:  # noqa: BLE001
        out["error"] = "ical: %r" % e
    return out


def check_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f, strict=True))
    raw = open(path, "rb").read()
    return {
        "first": rows[0] if rows else [],
        "rows": len(rows),
        "widths": sorted({len(r) for r in rows}),
        # Every record ends with CRLF (line breaks inside quoted cells may be LF, RFC 4180 §2.6).
        "crlf": raw.endswith(b"\r\n") and raw.count(b"\r\n") >= len(rows),
        "bom": raw.startswith(b"\xef\xbb\xbf"),
    }


class Tables(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables = []  # each: list of row cell counts
        self.row = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.row = 0
        elif tag in ("td", "th") and self.row is not None:
            self.row += 1

    def handle_endtag(self, tag):
        if tag == "tr" and self.row is not None:
            self.tables[-1].append(self.row)
            self.row = None


def check_md(path):
    text = open(path, encoding="utf-8").read()
    written = sum(1 for line in text.split("\n") if line.startswith("|---"))
    html_text = subprocess.run(
        ["cmark-gfm", "-e", "table", "-e", "tasklist", path], check=True, capture_output=True, text=True
    ).stdout
    p = Tables()
    p.feed(html_text)
    bad = sum(1 for t in p.tables for n in t if n != t[0])
    return {"tables_written": written, "tables_html": len(p.tables), "bad_rows": bad,
            "rows_html": sum(len(t) for t in p.tables)}


def main():
    folder = sys.argv[1]
    result = {"ics": {}, "csv": {}, "md": {}}
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if name.endswith(".ics"):
            result["ics"][name] = check_ics(path)
        elif name.endswith(".csv"):
            result["csv"][name] = check_csv(path)
        elif name.endswith(".md"):
            result["md"][name] = check_md(path)
    json.dump(result, sys.stdout, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()

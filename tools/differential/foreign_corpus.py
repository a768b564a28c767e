#!/usr/bin/env python3
"""Expected occurrences for calendars nobody here wrote, from python recurring-ical-events.

Finds the test calendars shipped inside the installed `icalendar` and `recurring_ical_events`
packages (real-world exports from Google, Outlook, Thunderbird and many bug reports), expands each
between START and END with recurring_ical_events, and prints one JSON object per line:

  {"path": ..., "ok": true, "pairs": [[uid, key], ...], "xwr": bool}
  {"path": ..., "ok": false, "reason": "..."}      (python could not read or expand it)

key is the start's wall-clock time as YYYYMMDDhhmmss (all-day: YYYYMMDD000000), as in
../shared/bench/README.md. Cancelled occurrences are left out (the planner leaves them out too).
Usage: foreign_corpus.py [START END]   (YYYYMMDD; default 20000101 20310101)
"""
import datetime as dt
import glob
import json
import os
import sys

import icalendar
import recurring_ical_events


def key(t):
    if isinstance(t, dt.datetime):
        return int(t.strftime("%Y%m%d%H%M%S"))
    return int(t.strftime("%Y%m%d")) * 1000000


def main():
    start = sys.argv[1] if len(sys.argv) > 2 else "20000101"
    end = sys.argv[2] if len(sys.argv) > 2 else "20310101"
    ymd = lambda s: (int(s[:4]), int(s[4:6]), int(s[6:8]))
    roots = [os.path.dirname(icalendar.__file__), os.path.dirname(recurring_ical_events.__file__)]
    files = sorted(p for r in roots for p in glob.glob(os.path.join(r, "**", "*.ics"), recursive=True))
    for path in files:
        try:
            with open(path, "rb") as f:
                data = f.read()
            cal = icalendar.Calendar.from_ical(data)
            if cal.name != "VCALENDAR":
                raise ValueError("not a VCALENDAR")
            occ = recurring_ical_events.of(cal).between(ymd(start), ymd(end))
            pairs = []
            for ev in occ:
                if ev.name != "VEVENT":
                    continue
                if str(ev.get("STATUS", "")).upper() == "CANCELLED":
                    continue
                pairs.append([str(ev.get("UID", "")), key(ev["DTSTART"].dt)])
            pairs.sort()
            print(json.dumps({"path": path, "ok": True, "pairs": pairs, "xwr": b"X-WR-TIMEZONE" in data}))
        except Exception as e:  # python's own failure: the file is not compared
            print(json.dumps({"path": path, "ok": False, "reason": type(e).__name__}))


if __name__ == "__main__":
    main()

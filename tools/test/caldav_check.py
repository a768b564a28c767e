#!/usr/bin/env python3
"""PUTs exported calendars into a real CalDAV server (Radicale, started here on 127.0.0.1) and
reports what the server holds, as JSON.

Each VEVENT is PUT as its own calendar object resource (RFC 4791 §4.1: one UID per resource),
with the calendar's VTIMEZONE when it has one, to /user/cal/<uid>.ics, so a later export's entry
with the same UID replaces the earlier one. After the first file every resource is read back
with GET; at the end a calendar-query REPORT lists every VEVENT. Radicale commands as in
../shared/reference/feasibility.md §1 (auth none, owner_only rights, temporary storage).
Usage: caldav_check.py STORE_DIR FILE.ics [FILE.ics ...]
"""
import json
import os
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

import icalendar

from local_port import free_port

AUTH = "Basic dXNlcjp4"  # user:x; with --auth-type none any name is accepted


def request(method, url, body=None, headers=None):
    h = {"Authorization": AUTH}
    h.update(headers or {})
    req = urllib.request.Request(url, data=body, method=method, headers=h)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def fields(ev):
    def text(name):
        v = ev.get(name)
        return None if v is None else str(v)

    def when(name):
        v = ev.get(name)
        return None if v is None else v.to_ical().decode()

    def tzid(name):
        v = ev.get(name)
        return None if v is None else v.params.get("TZID")

    return {
        "uid": text("UID"), "sequence": int(ev.get("SEQUENCE", 0)), "summary": text("SUMMARY"),
        "dtstart": when("DTSTART"), "dtend": when("DTEND"), "tzid": tzid("DTSTART"),
        "status": text("STATUS"),
    }


def main():
    store, files = sys.argv[1], sys.argv[2:]
    port = free_port()
    base = "http://127.0.0.1:%d" % port
    log = open(os.path.join(store, "radicale.log"), "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "radicale", "--config", "", "--server-hosts", "127.0.0.1:%d" % port,
         "--auth-type", "none", "--rights-type", "owner_only",
         "--storage-filesystem-folder", os.path.join(store, "collections"), "--logging-level", "warning"],
        stdout=log, stderr=log)
    result = {"puts": [], "readback_mismatches": [], "report": [], "files": []}
    try:
        for _ in range(250):  # bounded wait: the server answers in about 0.2 s
            try:
                urllib.request.urlopen(base + "/", timeout=1)
                break
            except urllib.error.HTTPError:
                break
            except OSError:
                if server.poll() is not None:
                    raise SystemExit("radicale exited at start; see radicale.log")
                time.sleep(0.04)
        status, _ = request("MKCALENDAR", base + "/user/cal/")
        result["mkcalendar"] = status
        for n, path in enumerate(files):
            cal = icalendar.Calendar.from_ical(open(path, "rb").read())
            zones = cal.walk("VTIMEZONE")
            put = []
            for ev in cal.walk("VEVENT"):
                one = icalendar.Calendar()
                for k in ("VERSION", "PRODID"):
                    one.add(k, cal[k])
                for z in zones:
                    one.add_component(z)
                one.add_component(ev)
                href = base + "/user/cal/" + urllib.parse.quote(str(ev["UID"]), safe="") + ".ics"
                s, body = request("PUT", href, one.to_ical(), {"Content-Type": "text/calendar; charset=utf-8"})
                result["puts"].append({"file": n, "uid": str(ev["UID"]), "status": s,
                                       "body": body.decode("utf-8", "replace")[:200] if s >= 300 else ""})
                put.append((href, fields(ev)))
            result["files"].append({"file": os.path.basename(path), "events": len(put)})
            if n == 0:
                for href, want in put:
                    s, body = request("GET", href)
                    got = [fields(e) for e in icalendar.Calendar.from_ical(body).walk("VEVENT")] if s == 200 else []
                    if s != 200 or len(got) != 1 or got[0] != want:
                        result["readback_mismatches"].append({"href": href, "status": s, "want": want, "got": got})
        query = (b'<?xml version="1.0" encoding="utf-8"?><C:calendar-query xmlns:D="DAV:" '
                 b'xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/><C:calendar-data/></D:prop>'
                 b'<C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"/></C:comp-filter>'
                 b'</C:filter></C:calendar-query>')
        s, body = request("REPORT", base + "/user/cal/", query,
                          {"Depth": "1", "Content-Type": "application/xml; charset=utf-8"})
        result["report_status"] = s
        ns = {"D": "DAV:", "C": "urn:ietf:params:xml:ns:caldav"}
        for data in ET.fromstring(body).iterfind(".//C:calendar-data", ns):
            for ev in icalendar.Calendar.from_ical(data.text.encode()).walk("VEVENT"):
                result["report"].append(fields(ev))
        result["report"].sort(key=lambda f: f["uid"])
    finally:
        server.terminate()
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:  # Radicale can take long to stop; the store is temporary
            server.kill()
            server.wait()
    json.dump(result, sys.stdout, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Reads every digest message (*.eml) in a folder with python's email package and prints what it
found as JSON: defects (policy default), the content types of the leaves, the decoded subject,
the longest line in octets, and whether the text/calendar part passes python `ical` (strict).
Usage: check_eml.py DIR
"""
import email
import json
import os
import sys
from email import policy


def check(path):
    raw = open(path, "rb").read()
    msg = email.message_from_bytes(raw, policy=policy.default)
    out = {"defects": [repr(d) for d in msg.defects], "types": [], "calendar_events": None, "calendar_error": None}
    for part in msg.walk():
        out["defects"] += [repr(d) for d in part.defects]
        if part.is_multipart():
            out["types"].append(part.get_content_type())
            continue
        ctype = part.get_content_type()
        out["types"].append(ctype)
        content = part.get_content()
        if ctype == "text/calendar":
            try:
                from ical.calendar_stream import IcsCalendarStream
                text = content if isinstance(content, str) else content.decode("utf-8")
                cal = IcsCalendarStream.calendar_from_ics(text)
                out["calendar_events"] = len(cal.events)
                out["calendar_uids"] = sorted(e.uid for e in cal.events)
            except Exception as e:  # noqa: BLE001 - reported, not hidden
                out["calendar_error"] = repr(e)
        elif ctype == "text/plain":
            out["text"] = content
        elif ctype == "text/html":
            out["html"] = content
    out["subject"] = str(msg["subject"])
    out["to"] = [a.addr_spec for a in msg["to"].addresses]
    out["from"] = msg["from"].addresses[0].addr_spec
    out["from_name"] = msg["from"].addresses[0].display_name
    out["message_id"] = str(msg["message-id"])
    out["date"] = str(msg["date"])
    out["longest_line"] = max(len(l) for l in raw.split(b"\r\n"))
    out["bare_lf"] = raw.replace(b"\r\n", b"").count(b"\n")
    return out


def main():
    folder = sys.argv[1]
    result = {}
    for name in sorted(os.listdir(folder)):
        if name.endswith(".eml"):
            result[name] = check(os.path.join(folder, name))
    json.dump(result, sys.stdout, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()

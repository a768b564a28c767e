#!/usr/bin/env python3
"""Checks the bundled calendars with an independent reader (python icalendar + recurring_ical_events).

    python3 tools/calendars/check.py [--taxonomy PATH]

Run from anywhere; paths are found from this script's location. The taxonomy defaults to
../shared/spec/taxonomy.md beside the repository; the id check is skipped (and says so) when it is absent.
Prints a short report and the 2027 Q1 occurrences; exits 1 if any assertion fails.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import icalendar
import recurring_ical_events

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
AWARENESS = ROOT / "Calendars" / "uk-health-awareness.ics"
BANK_HOLIDAYS = ROOT / "Calendars" / "bank-holidays"
DEFAULT_TAXONOMY = ROOT.parent / "shared" / "spec" / "taxonomy.md"

failures: list[str] = []


def check(condition: bool, message: str) -> None:
    if not condition:
        failures.append(message)


def as_date(value) -> dt.date:
    return value if not isinstance(value, dt.datetime) else value.date()


def taxonomy_ids(path: Path) -> set[str]:
    """The ids in the first column of the two tables in taxonomy.md."""
    ids = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\|\s*([a-z0-9]+(?:-[a-z0-9]+)*)\s*\|", line)
        if match and match.group(1) != "id":
            ids.add(match.group(1))
    return ids


def raw_checks(path: Path, data: bytes) -> None:
    """Byte-level shape: CRLF only, lines of at most 75 octets, valid UTF-8, no fold inside a character."""
    name = path.relative_to(ROOT)
    check(data.count(b"\r\n") == data.count(b"\n"), f"{name}: a line ends without CR")
    check(data.endswith(b"\r\n"), f"{name}: the last line has no CRLF")
    for number, line in enumerate(data.split(b"\r\n")[:-1], start=1):
        check(len(line) <= 75, f"{name}:{number}: {len(line)} octets (more than 75)")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            failures.append(f"{name}:{number}: not valid UTF-8 on its own (folded inside a character?)")


def main(argv: list[str]) -> int:
    taxonomy = DEFAULT_TAXONOMY
    if len(argv) == 3 and argv[1] == "--taxonomy":
        taxonomy = Path(argv[2])
    elif len(argv) != 1:
        print("usage: check.py [--taxonomy PATH]", file=sys.stderr)
        return 64

    # 1. Regenerating gives the same bytes.
    regenerated = subprocess.run(
        [sys.executable, str(HERE / "generate.py"), "--check"], capture_output=True, text=True
    )
    check(regenerated.returncode == 0, f"generate.py --check: {regenerated.stdout}{regenerated.stderr}".strip())

    # 2. The awareness calendar.
    data = AWARENESS.read_bytes()
    raw_checks(AWARENESS, data)
    cal = icalendar.Calendar.from_ical(data)
    check(str(cal.get("PRODID")) == "-//AwarenessPlanner//UK health awareness days//EN", "awareness PRODID")
    check(cal.get("X-WR-CALNAME") is not None, "awareness calendar has no X-WR-CALNAME")
    all_events = list(cal.walk("VEVENT"))
    # RECURRENCE-ID overrides (a whole month's own length in a leap year) come after every other event.
    events = [e for e in all_events if "RECURRENCE-ID" not in e]
    overrides = [e for e in all_events if "RECURRENCE-ID" in e]
    check(all_events[: len(events)] == events, "a RECURRENCE-ID override comes before an ordinary event")
    uids = [str(e["UID"]) for e in events]
    duplicates = sorted(u for u, n in Counter(uids).items() if n > 1)
    check(not duplicates, f"duplicate UIDs: {duplicates}")
    slug_keys = [(re.sub(r"-20\d\d$", "", u.split("@")[0]), u) for u in uids]
    check(slug_keys == sorted(slug_keys), "events are not sorted by slug")
    override_keys = [(str(e["UID"]), as_date(e["RECURRENCE-ID"].dt)) for e in overrides]
    check(override_keys == sorted(set(override_keys)), "overrides are not sorted by UID and date, or repeat")
    masters = {str(e["UID"]): e for e in events}
    for e in overrides:
        uid = str(e["UID"])
        master = masters.get(uid)
        check(master is not None and "RRULE" in master, f"{uid}: override of no recurring event")
        check(e["DTSTART"].dt == as_date(e["RECURRENCE-ID"].dt), f"{uid}: override moves the start")
        if master is not None:
            for name in ("SUMMARY", "DESCRIPTION", "CATEGORIES", "URL", "STATUS", "X-GP-GROUPS", "X-GP-SERVICES"):
                check(e.get(name) == master.get(name) or str(e.get(name)) == str(master.get(name)),
                      f"{uid} {as_date(e['RECURRENCE-ID'].dt)}: {name} differs from the recurring event")
    titles = sorted({str(e["SUMMARY"]) for e in events})
    check(len(titles) >= 120, f"only {len(titles)} distinct events")
    for title in titles:
        check(not re.search(r"\b20\d\d\b", title), f'title "{title}" contains a year')

    kinds = Counter()
    tentative = 0
    ids_seen: set[str] = set()
    for e in events:
        uid = str(e["UID"])
        start, end = e["DTSTART"].dt, e["DTEND"].dt
        check(not isinstance(start, dt.datetime) and not isinstance(end, dt.datetime), f"{uid}: not all-day")
        check(end > start, f"{uid}: DTEND is not after DTSTART")
        check(str(e.get("TRANSP")) == "TRANSPARENT", f"{uid}: not TRANSPARENT")
        check(e.get("DESCRIPTION") is not None and len(str(e["DESCRIPTION"])) > 40, f"{uid}: no description")
        check(e.get("CATEGORIES") is not None, f"{uid}: no CATEGORIES")
        check(str(e.get("DTSTAMP").to_ical().decode()) == "20261201T000000Z", f"{uid}: DTSTAMP is not the fixed stamp")
        status = str(e.get("STATUS"))
        check(status in ("CONFIRMED", "TENTATIVE"), f"{uid}: STATUS {status}")
        tentative += status == "TENTATIVE"
        dated = re.search(r"-(20\d\d)@", uid)
        check(("RRULE" in e) != bool(dated), f"{uid}: a dated (-YYYY) UID must have no RRULE, and only those")
        if dated:
            check(str(start.year) == dated.group(1), f"{uid}: starts in {start.year}")
            kinds["dated (organiser-set)"] += 1
        elif (end - start).days >= 28 and start.day == 1 and end.day == 1:
            kinds["whole month (yearly)"] += 1
        elif "BYDAY" in e["RRULE"] or "BYMONTHDAY" in e["RRULE"]:
            kinds["weekday rule (yearly)"] += 1
        else:
            kinds["fixed date (yearly)"] += 1
        groups = str(e.get("X-GP-GROUPS", "")).split(",")
        services = [s for s in str(e.get("X-GP-SERVICES", "")).split(",") if s]
        check(1 <= len(groups) <= 4 and all(groups), f"{uid}: {len(groups)} groups")
        check(len(services) <= 4, f"{uid}: {len(services)} services")
        check(not ("all-patients" in groups and len(groups) > 1), f"{uid}: all-patients with other groups")
        ids_seen.update(groups + services)

    if taxonomy.exists():
        known = taxonomy_ids(taxonomy)
        unknown = sorted(ids_seen - known)
        check(not unknown, f"ids not in {taxonomy.name}: {unknown}")
        taxonomy_note = f"all {len(ids_seen)} ids used are in {taxonomy} ({len(known)} ids)"
    else:
        taxonomy_note = f"SKIPPED: {taxonomy} not found"

    # 3. Expansion with recurring_ical_events.
    def between(start: dt.date, end: dt.date):
        found = recurring_ical_events.of(cal).between(start, end)
        return sorted(
            ((as_date(o["DTSTART"].dt), as_date(o["DTEND"].dt), str(o["SUMMARY"]), str(o["UID"])) for o in found),
            key=lambda x: (x[0], x[3]),
        )

    # Every whole-month day covers its whole month in the leap year 2028 (February included: 1 to 29 February).
    month_uids = {
        str(e["UID"]) for e in events
        if "RRULE" in e and e["DTSTART"].dt.day == 1 and e["DTEND"].dt.day == 1
        and (e["DTEND"].dt - e["DTSTART"].dt).days >= 28
    }
    months_2028 = [o for o in between(dt.date(2028, 1, 1), dt.date(2029, 1, 1)) if o[3] in month_uids]
    for start, end, title, uid in months_2028:
        month_end = dt.date(start.year + (start.month == 12), start.month % 12 + 1, 1)
        check(start.day == 1 and end == month_end, f"2028 {title}: {start}..{end}, expected {start}..{month_end}")
    check(sorted({o[3] for o in months_2028}) == sorted(month_uids), "a whole month is missing from 2028")
    check(len(months_2028) == len(month_uids), "a whole month occurs twice in 2028")
    leap_februaries = [o for o in months_2028 if o[0].month == 2]

    ttt = [o for o in between(dt.date(2026, 1, 1), dt.date(2027, 1, 1)) if o[2] == "Time to Talk Day"]
    check([o[0] for o in ttt] == [dt.date(2026, 2, 5)], f"Time to Talk Day 2026: {ttt}")
    check(dt.date(2026, 2, 5).weekday() == 3, "5 Feb 2026 is not a Thursday")

    q1 = between(dt.date(2027, 1, 1), dt.date(2027, 4, 1))
    expected_q1 = {
        ("Dry January", dt.date(2027, 1, 1), dt.date(2027, 2, 1)),
        ("Brew Monday", dt.date(2027, 1, 18), dt.date(2027, 1, 19)),
        ("Time to Talk Day", dt.date(2027, 2, 4), dt.date(2027, 2, 5)),
        ("Heart Month", dt.date(2027, 2, 1), dt.date(2027, 3, 1)),
        ("Eating Disorders Awareness Week", dt.date(2027, 2, 22), dt.date(2027, 3, 1)),
        ("Rare Disease Day", dt.date(2027, 2, 28), dt.date(2027, 3, 1)),
        ("No Smoking Day", dt.date(2027, 3, 10), dt.date(2027, 3, 11)),
        ("World Kidney Day", dt.date(2027, 3, 11), dt.date(2027, 3, 12)),
        ("World Sleep Day", dt.date(2027, 3, 19), dt.date(2027, 3, 20)),
        ("Bowel Cancer Awareness Month", None, None),  # starts 1 April: must NOT be in Q1
        ("World Autism Acceptance Week", dt.date(2027, 3, 29), dt.date(2027, 4, 5)),
        ("Purple Day", dt.date(2027, 3, 26), dt.date(2027, 3, 27)),
        ("Children's Mental Health Week", dt.date(2027, 2, 8), dt.date(2027, 2, 15)),
        ("Carers Week", None, None),  # June
    }
    by_title = {}
    for start, end, title, uid in q1:
        by_title.setdefault(title, []).append((start, end))
    for title, start, end in sorted(expected_q1, key=lambda x: x[0]):
        if start is None:
            check(title not in by_title, f"2027 Q1 wrongly contains {title}")
        else:
            check(by_title.get(title) == [(start, end)], f"2027 Q1 {title}: {by_title.get(title)}, expected {start}..{end}")
    check(all(s < dt.date(2027, 4, 1) and e > dt.date(2027, 1, 1) for s, e, _, _ in q1), "an occurrence outside Q1")
    check(all(len(v) == 1 for v in by_title.values()), "a day occurs twice in 2027 Q1")
    check(len(q1) >= 35, f"only {len(q1)} occurrences in 2027 Q1")

    # 4. Bank holidays.
    bank_lines = []
    all_bank_uids: list[str] = []
    for path in sorted(BANK_HOLIDAYS.glob("*.ics")):
        data = path.read_bytes()
        raw_checks(path, data)
        bank = icalendar.Calendar.from_ical(data)
        check(str(bank.get("PRODID")) == "-//uk.gov/GOVUK calendars//EN", f"{path.name}: PRODID")
        years = Counter()
        for e in bank.walk("VEVENT"):
            day = e["DTSTART"].dt
            uid = str(e["UID"])
            all_bank_uids.append(uid)
            check(day.weekday() < 5, f"{path.name}: {day} ({day.strftime('%A')}) is not Monday to Friday")
            check(e["DTEND"].dt == day + dt.timedelta(days=1), f"{path.name}: {day} does not last one day")
            check(re.fullmatch(rf"[0-9a-f]{{32}}-{day.isoformat()}-\w+@gov\.uk", uid) is not None, f"bad UID {uid}")
            check(int(e["SEQUENCE"]) == 0, f"{uid}: SEQUENCE")
            years[day.year] += 1
        check(sorted(years) == [2025, 2026, 2027], f"{path.name}: years {sorted(years)}")
        bank_lines.append(f"  {path.name}: " + ", ".join(f"{y}: {n}" for y, n in sorted(years.items())))
    check(len(bank_lines) == 3, f"{len(bank_lines)} bank-holiday files")
    check(len(set(all_bank_uids)) == len(all_bank_uids), "duplicate bank-holiday UIDs")
    ew = icalendar.Calendar.from_ical((BANK_HOLIDAYS / "england-and-wales.ics").read_bytes())
    ew_2027 = [e["DTSTART"].dt.isoformat() for e in ew.walk("VEVENT") if e["DTSTART"].dt.year == 2027]
    check(ew_2027 == ["2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30",
                      "2027-12-27", "2027-12-28"], f"England and Wales 2027: {ew_2027}")

    # Report.
    print(f"awareness: {len(all_events)} VEVENTs, {len(titles)} distinct days, {tentative} TENTATIVE")
    for kind, n in sorted(kinds.items()):
        print(f"  {kind}: {n}")
    print(f"  leap-year overrides (RECURRENCE-ID): {len(overrides)}")
    print(f"whole months in 2028: {len(months_2028)}, each 1st to last day; February: "
          + ", ".join(f"{t} {s:%d %b}-{(e - dt.timedelta(days=1)):%d %b}" for s, e, t, _ in leap_februaries))
    print(f"taxonomy: {taxonomy_note}")
    print(f"Time to Talk Day 2026: {', '.join(f'{o[0].isoformat()} ({o[0]:%A})' for o in ttt)}")
    print(f"2027 Q1 (2027-01-01..2027-03-31): {len(q1)} occurrences")
    for start, end, title, uid in q1:
        last = end - dt.timedelta(days=1)
        span = start.strftime("%a %d %b") + ("" if last == start else " - " + last.strftime("%a %d %b"))
        print(f"  {span:<26} {title}")
    print("bank holidays (all Monday to Friday):")
    print("\n".join(bank_lines))
    if failures:
        print(f"\nFAILED ({len(failures)}):")
        print("\n".join(f"  {f}" for f in failures))
        return 1
    print("\nOK: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

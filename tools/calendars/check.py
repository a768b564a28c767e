#!/usr/bin/env python3
"""Checks the bundled calendars with an independent reader (python icalendar + recurring_ical_events).

    python3 tools/calendars/check.py [--taxonomy PATH]

Run from anywhere; paths are found from this script's location. The taxonomy defaults to
../shared/spec/taxonomy.md beside the repository; the id check is skipped (and says so) when it is absent.
Prints a short report, the awareness days of 2027 Q1 and the programmes of 2027; exits 1 if any assertion fails.
Checks: regeneration gives the same bytes; byte shape (CRLF, 75-octet lines, UTF-8); the awareness calendar's
events, rules and 2027 Q1 dates, and every whole month covering its month in the leap year 2028; the bank
holidays; the programmes calendar (UIDs without dates, taxonomy ids, an independent reading of every
X-GP-ELIGIBILITY, every programme in every year 2026-2028 with the right span and STATUS).
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
PROGRAMMES = ROOT / "Calendars" / "nhs-programmes.ics"
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


def taxonomy_groups(path: Path) -> set[str]:
    """The ids of the patient-group table only (the first table of taxonomy.md)."""
    text = path.read_text(encoding="utf-8")
    section = text.split("## Practice services")[0]
    return {m.group(1) for m in re.finditer(r"^\|\s*([a-z0-9]+(?:-[a-z0-9]+)*)\s*\|", section, re.M) if m.group(1) != "id"}


# X-GP-ELIGIBILITY, read independently of the Swift parser (docs/eligibility.md).
ELIGIBILITY_ID = r"[a-z0-9]+(?:-[a-z0-9]+)*"
ELIGIBILITY_TERM = re.compile(
    r"sex=(?:female|male)|age=\d{1,3}(?:\+|-\d{1,3})?|on=(?:start|(?:next|last)-\d\d-\d\d|\d{4}-\d\d-\d\d)"
    rf"|(?:group|exclude)={ELIGIBILITY_ID}(?:/{ELIGIBILITY_ID})*|to=(?:parent|patient)"
)
EXCLUDE_STATE = re.compile(r"vaccinated|vaccinated-this-season|up-to-date|(?:screened|checked)-\d+y")


def eligibility_audiences(value: str) -> list[dict[str, str]] | str:
    """The audiences of a value as key -> value maps, or a message saying what is wrong."""
    if re.search(r"[;,\\]", value):
        return "uses ; , or \\, which calendar programs escape"
    audiences = []
    for part in value.split("|"):
        terms = part.split()
        if not terms:
            return "an empty audience"
        audience: dict[str, str] = {}
        for term in terms:
            if not ELIGIBILITY_TERM.fullmatch(term):
                return f'bad term "{term}"'
            key, val = term.split("=", 1)
            if key in audience:
                return f'"{key}" twice in one audience'
            audience[key] = val
        if not {"sex", "age", "group"} & audience.keys():
            return "an audience with no sex=, age= or group="
        if "age" in audience:
            bounds = [int(n) for n in re.findall(r"\d+", audience["age"])]
            if len(bounds) == 2 and bounds[1] < bounds[0]:
                return f'age {audience["age"]} ends before it starts'
        if "on" in audience and "age" not in audience:
            return "on= with no age="
        if audience.get("to") == "parent":
            upper = re.fullmatch(r"\d+-(\d+)|(\d+)", audience.get("age", "x+"))
            if upper is None or int(upper.group(1) or upper.group(2)) > 17:
                return "to=parent for ages past 17"
        audiences.append(audience)
    return audiences


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


def check_programmes(taxonomy: Path) -> list[str]:
    """The programmes calendar; returns the report lines."""
    data = PROGRAMMES.read_bytes()
    raw_checks(PROGRAMMES, data)
    cal = icalendar.Calendar.from_ical(data)
    check(str(cal.get("PRODID")) == "-//AwarenessPlanner//NHS vaccination and screening programmes//EN", "programmes PRODID")
    check(cal.get("X-WR-CALNAME") is not None, "programmes calendar has no X-WR-CALNAME")
    all_events = list(cal.walk("VEVENT"))
    masters = [e for e in all_events if "RECURRENCE-ID" not in e]
    overrides = [e for e in all_events if "RECURRENCE-ID" in e]
    check(all_events[: len(masters)] == masters, "programmes: an override comes before an ordinary event")
    uids = [str(e["UID"]) for e in masters]
    check(uids == sorted(set(uids)), "programmes: UIDs repeat or are not sorted")
    for uid in uids:
        check(re.fullmatch(r"[a-z]+(?:-[a-z0-9]+)*@awareness-planner\.uk", uid) is not None, f"bad UID {uid}")
        check(re.search(r"\d{4}", uid) is None, f"{uid}: a UID must not contain a year or date")
    by_uid = {str(e["UID"]): e for e in masters}
    known = taxonomy_ids(taxonomy) if taxonomy.exists() else None
    groups_known = taxonomy_groups(taxonomy) if taxonomy.exists() else None
    for e in all_events:
        uid = str(e["UID"])
        start, end = e["DTSTART"].dt, e["DTEND"].dt
        check(not isinstance(start, dt.datetime) and not isinstance(end, dt.datetime), f"{uid}: not all-day")
        check(end > start, f"{uid}: DTEND is not after DTSTART")
        check(str(e.get("TRANSP")) == "TRANSPARENT", f"{uid}: not TRANSPARENT")
        check(e.get("DESCRIPTION") is not None and len(str(e["DESCRIPTION"])) > 80, f"{uid}: no description")
        categories = [str(c) for c in e["CATEGORIES"].cats] if e.get("CATEGORIES") is not None else []
        check(len(categories) == 2 and categories[0] in ("Vaccination programme", "Screening programme", "Health check programme"),
              f"{uid}: CATEGORIES {categories}")
        check(str(e.get("URL", "")).startswith("https://www.nhs.uk/"), f"{uid}: URL is not an NHS.UK page")
        check(str(e.get("DTSTAMP").to_ical().decode()) == "20261201T000000Z", f"{uid}: DTSTAMP is not the fixed stamp")
        groups = str(e.get("X-GP-GROUPS", "")).split(",")
        services = str(e.get("X-GP-SERVICES", "")).split(",")
        check(1 <= len(groups) <= 4 and all(groups), f"{uid}: {len(groups)} groups")
        check(1 <= len(services) <= 4 and all(services), f"{uid}: {len(services)} services")
        if known is not None:
            check(not set(groups + services) - known, f"{uid}: ids not in the taxonomy: {sorted(set(groups + services) - known)}")
        eligibility = e.get("X-GP-ELIGIBILITY")
        check(eligibility is not None, f"{uid}: no X-GP-ELIGIBILITY")
        audiences = eligibility_audiences(str(eligibility or ""))
        if isinstance(audiences, str):
            failures.append(f"{uid}: X-GP-ELIGIBILITY {audiences}")
        elif groups_known is not None:
            for a in audiences:
                for g in a.get("group", "").split("/"):
                    check(not g or g in groups_known, f"{uid}: eligibility group {g} is not a taxonomy group")
                for x in a.get("exclude", "").split("/"):
                    check(not x or x in groups_known or EXCLUDE_STATE.fullmatch(x) is not None,
                          f"{uid}: exclude {x} is neither a taxonomy group nor a state of docs/eligibility.md")
        # An event is either a recurring programme or the override of one season's instance.
        if "RECURRENCE-ID" in e:
            master = by_uid.get(uid)
            check(master is not None and "RRULE" in master, f"{uid}: override of no recurring event")
            check(str(e.get("STATUS")) == "CONFIRMED", f"{uid}: a published season must be CONFIRMED")
            if master is not None:
                check(str(master.get("STATUS")) == "TENTATIVE", f"{uid}: a season with overrides must be TENTATIVE")
                for name in ("SUMMARY", "URL", "X-GP-GROUPS", "X-GP-SERVICES", "X-GP-ELIGIBILITY", "CATEGORIES"):
                    check(str(e.get(name)) == str(master.get(name)) or e.get(name) == master.get(name),
                          f"{uid}: override {name} differs from the recurring event")
        else:
            check("RRULE" in e, f"{uid}: no RRULE")

    # Expansion 2026-2028 with recurring_ical_events: every programme in every year, with its status.
    found = recurring_ical_events.of(cal).between(dt.date(2026, 1, 1), dt.date(2029, 1, 1))
    occurrences = sorted(
        ((as_date(o["DTSTART"].dt), as_date(o["DTEND"].dt), str(o["UID"]).split("@")[0], str(o["STATUS"]), str(o["SUMMARY"]))
         for o in found),
        key=lambda x: (x[0], x[2]),
    )
    per_year = Counter((o[2], o[0].year) for o in occurrences)
    quarterly = {"nhs-health-check", "cervical-screening", "breast-screening", "bowel-screening"}
    expected = {
        "bowel-screening", "breast-screening", "cervical-screening", "childhood-immunisations-catch-up",
        "covid-vaccination-autumn", "covid-vaccination-spring", "flu-vaccination-adults",
        "flu-vaccination-children-pregnancy", "hpv-vaccination-catch-up", "mmr-catch-up", "nhs-health-check",
        "pneumococcal-vaccination", "rsv-vaccination", "shingles-vaccination",
    }
    check({u.split("@")[0] for u in uids} == expected, f"programmes: {sorted(u.split('@')[0] for u in uids)}")
    for slug in sorted(expected):
        for year in (2026, 2027, 2028):
            want = 4 if slug in quarterly else 1
            check(per_year[(slug, year)] == want, f"{slug} {year}: {per_year[(slug, year)]} occurrences, expected {want}")
    for start, end, slug, status, _ in occurrences:
        month_end = dt.date(start.year + (start.month == 12), start.month % 12 + 1, 1)
        if slug in quarterly:
            check((end - start).days == 28 and start.day == 1, f"{slug} {start}: not four weeks from the 1st")
            check(start.month % 3 == {"nhs-health-check": 1, "cervical-screening": 2, "breast-screening": 2,
                                      "bowel-screening": 0}[slug], f"{slug} {start}: in the wrong month of the quarter")
        else:
            check(start.day == 1 and end == month_end, f"{slug} {start}..{end}: not a whole month")
        season = slug.startswith(("flu-", "covid-"))
        published = slug.startswith("flu-") and start.year == 2026
        want = "CONFIRMED" if (published or not season) else "TENTATIVE"
        check(status == want, f"{slug} {start}: STATUS {status}, expected {want}")
    starts = {(o[2], o[0].year): o[0] for o in occurrences if o[2] not in quarterly}
    check(starts[("flu-vaccination-children-pregnancy", 2026)] == dt.date(2026, 9, 1), "flu children 2026 start")
    check(starts[("flu-vaccination-adults", 2026)] == dt.date(2026, 10, 1), "flu adults 2026 start")

    tentative = sum(1 for o in occurrences if o[3] == "TENTATIVE")
    lines = [
        f"programmes: {len(all_events)} VEVENTs ({len(masters)} programmes, {len(overrides)} published-season overrides)",
        f"  2026-2028: {len(occurrences)} occurrences, {tentative} TENTATIVE; every X-GP-ELIGIBILITY reads",
        "  2027:",
    ]
    for start, end, slug, status, title in occurrences:
        if start.year == 2027:
            last = end - dt.timedelta(days=1)
            mark = " [tentative]" if status == "TENTATIVE" else ""
            lines.append(f"    {start:%a %d %b} - {last:%a %d %b}  {title}{mark}")
    return lines


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

    # 5. The programmes calendar.
    programme_lines = check_programmes(taxonomy)

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
    print("\n".join(programme_lines))
    if failures:
        print(f"\nFAILED ({len(failures)}):")
        print("\n".join(f"  {f}" for f in failures))
        return 1
    print("\nOK: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

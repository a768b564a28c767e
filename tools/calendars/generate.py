#!/usr/bin/env python3
"""Writes the bundled calendars from the data tables beside this script.

    python3 tools/calendars/generate.py [--check]

Outputs (paths relative to the repository root):
  Calendars/uk-health-awareness.ics          from awareness.tsv
  Calendars/nhs-programmes.ics               from programmes.tsv
  Calendars/bank-holidays/<division>.ics     from bank_holidays.tsv (gov.uk's own ICS shape)

The output depends only on the tables: no clock, no randomness, fixed DTSTAMP, sorted events, so every run
writes the same bytes. With --check nothing is written; the exit status is 1 if a file would change.
Python 3 standard library only.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
AWARENESS_TSV = HERE / "awareness.tsv"
BANK_HOLIDAYS_TSV = HERE / "bank_holidays.tsv"
PROGRAMMES_TSV = HERE / "programmes.tsv"
AWARENESS_ICS = ROOT / "Calendars" / "uk-health-awareness.ics"
PROGRAMMES_ICS = ROOT / "Calendars" / "nhs-programmes.ics"
BANK_HOLIDAYS_DIR = ROOT / "Calendars" / "bank-holidays"

# A fixed stamp (never the clock) so that regenerating gives identical bytes.
DTSTAMP = "20261201T000000Z"
UID_DOMAIN = "awareness-planner.uk"
# Recurring events start in this year; organiser-set weeks are written out for these years.
FIRST_YEAR = 2026
SET_YEARS = (2026, 2027)
# Whole months repeat with one fixed length (an RRULE event has one DTEND), so a month whose length changes
# (February in a leap year) gets a RECURRENCE-ID override with the right end for each such year up to here.
# Regenerate before this year passes.
MONTH_OVERRIDES_UNTIL = 2040
DIVISIONS = ("england-and-wales", "scotland", "northern-ireland")

KINDS = ("FIXED", "RULE", "MONTH", "SET")
CONFIDENCE = ("H", "M", "L")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class DataError(Exception):
    """A problem in one of the data tables, reported as `path:line: error: ...`."""


# ---------------------------------------------------------------------------------------------------------------
# iCalendar text helpers (RFC 5545 section 3.1 and 3.3.11)


def escape_text(value: str) -> str:
    """TEXT escaping: backslash, semicolon, comma and newlines."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Folds one content line at 75 octets, never inside a UTF-8 sequence; returns it with CRLF endings."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line + "\r\n"
    parts: list[bytes] = []
    start = 0
    limit = 75  # the first physical line holds 75 octets, later ones a space plus 74
    while len(data) - start > limit:
        cut = start + limit
        while (data[cut] & 0xC0) == 0x80:  # a continuation byte: step back to the start of the character
            cut -= 1
        parts.append(data[start:cut])
        start = cut
        limit = 74
    parts.append(data[start:])
    return "\r\n ".join(p.decode("utf-8") for p in parts) + "\r\n"


def ical_date(day: dt.date) -> str:
    return day.strftime("%Y%m%d")


# ---------------------------------------------------------------------------------------------------------------
# The small part of RRULE this calendar uses: FREQ=YEARLY with BYMONTH, BYMONTHDAY and BYDAY.


def parse_rule(rule: str) -> dict[str, str]:
    parts = dict(p.split("=", 1) for p in rule.split(";"))
    if parts.get("FREQ") != "YEARLY" or not set(parts) <= {"FREQ", "BYMONTH", "BYMONTHDAY", "BYDAY"}:
        raise ValueError(f'unsupported rule "{rule}" (only FREQ=YEARLY with BYMONTH, BYMONTHDAY, BYDAY)')
    if "BYMONTH" not in parts or "," in parts["BYMONTH"]:
        raise ValueError(f'rule "{rule}" needs exactly one BYMONTH')
    return parts


WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def rule_dates(rule: str, year: int) -> list[dt.date]:
    """All dates in `year` that the yearly rule gives, in order."""
    parts = parse_rule(rule)
    month = int(parts["BYMONTH"])
    length = calendar.monthrange(year, month)[1]
    days = [dt.date(year, month, d) for d in range(1, length + 1)]
    if "BYMONTHDAY" in parts:
        wanted = {int(v) if int(v) > 0 else length + 1 + int(v) for v in parts["BYMONTHDAY"].split(",")}
        days = [d for d in days if d.day in wanted]
    if "BYDAY" in parts:
        chosen: set[dt.date] = set()
        for item in parts["BYDAY"].split(","):
            match = re.fullmatch(r"([+-]?\d+)?(MO|TU|WE|TH|FR|SA|SU)", item)
            if match is None:
                raise ValueError(f'bad BYDAY "{item}"')
            weekday = WEEKDAYS.index(match.group(2))
            same = [d for d in days if d.weekday() == weekday]
            if match.group(1) is None:
                chosen.update(same)
            else:
                n = int(match.group(1))
                if "BYMONTHDAY" in parts:
                    raise ValueError("an ordinal BYDAY with BYMONTHDAY is not supported")
                index = n - 1 if n > 0 else len(same) + n
                if 0 <= index < len(same):
                    chosen.add(same[index])
        days = [d for d in days if d in chosen]
    return days


# ---------------------------------------------------------------------------------------------------------------
# Awareness days


@dataclass(frozen=True)
class Awareness:
    line: int
    slug: str
    name: str
    kind: str
    rule: str  # "" when the table has "-"
    days: int | None  # None for a whole month
    start2026: dt.date
    start2027: dt.date
    conf: str
    confirmed: tuple[int, ...]  # SET years whose dates the organiser has announced
    topic: str
    url: str
    groups: tuple[str, ...]
    services: tuple[str, ...]
    description: str

    def tentative(self, year: int | None) -> bool:
        """Whether the dates are our prediction: `year` is the dated event's year, None for a recurring day."""
        if self.kind == "SET":
            return self.conf != "H" and year not in self.confirmed
        return self.conf == "L"  # a recurring day whose rule we are unsure of

    @property
    def category(self) -> str:
        if self.kind == "MONTH" or "Month" in self.name:
            return "Awareness month"
        if self.days == 1:
            return "Awareness day"
        if self.days is not None and self.days <= 8:
            return "Awareness week"
        return "Awareness campaign"

    def end(self, start: dt.date) -> dt.date:
        if self.days is None:
            return dt.date(start.year + (start.month == 12), start.month % 12 + 1, 1)
        return start + dt.timedelta(days=self.days)


def read_tsv(path: Path) -> list[tuple[int, list[str]]]:
    """Rows after the header, with their 1-based line numbers; '#' lines are comments."""
    rows: list[tuple[int, list[str]]] = []
    header_seen = False
    for number, raw in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if raw == "" or raw.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        rows.append((number, raw.split("\t")))
    return rows


def mmdd(year: int, text: str) -> dt.date:
    month, day = text.split("-")
    return dt.date(year, int(month), int(day))


def id_list(text: str) -> tuple[str, ...]:
    return () if text == "-" else tuple(text.split(","))


def load_awareness(path: Path) -> list[Awareness]:
    problems: list[str] = []
    events: list[Awareness] = []
    for line, f in read_tsv(path):
        where = f"{path.name}:{line}"
        if len(f) != 14:
            problems.append(f"{where}: error: expected 14 tab-separated fields, found {len(f)}")
            continue
        slug, name, kind, rule, days, s26, s27, conf, confirmed, topic, url, groups, services, description = f
        try:
            event = Awareness(
                line, slug, name, kind, "" if rule == "-" else rule,
                None if days == "month" else int(days),
                mmdd(2026, s26), mmdd(2027, s27), conf,
                () if confirmed == "-" else tuple(int(y) for y in confirmed.split(",")),
                topic, "" if url == "-" else url,
                id_list(groups), id_list(services), description,
            )
        except ValueError as error:
            problems.append(f"{where}: error: {error}")
            continue
        problems.extend(f"{where}: error: {p}" for p in check_awareness(event))
        events.append(event)
    slugs = [e.slug for e in events]
    for e in events:
        if slugs.count(e.slug) > 1:
            problems.append(f"{path.name}:{e.line}: error: duplicate slug \"{e.slug}\"")
    if problems:
        raise DataError("\n".join(sorted(set(problems))))
    return sorted(events, key=lambda e: e.slug)


def check_awareness(e: Awareness) -> list[str]:
    problems: list[str] = []
    if not SLUG.match(e.slug):
        problems.append(f'slug "{e.slug}" must be lower-case words joined by hyphens')
    if e.kind not in KINDS:
        problems.append(f'kind "{e.kind}" is not one of {", ".join(KINDS)}')
    if e.conf not in CONFIDENCE:
        problems.append(f'confidence "{e.conf}" is not H, M or L')
    if not 1 <= len(e.groups) <= 4:
        problems.append(f"{len(e.groups)} groups; the labelling policy wants 1 to 4")
    if len(e.services) > 4:
        problems.append(f"{len(e.services)} services; the labelling policy allows at most 4")
    if "all-patients" in e.groups and len(e.groups) > 1:
        problems.append("all-patients is never combined with other groups")
    for value in e.groups + e.services:
        if not ID.match(value):
            problems.append(f'"{value}" is not a taxonomy id')
    if e.url and not e.url.startswith("https://"):
        problems.append(f'url "{e.url}" must be https')
    if any(year not in SET_YEARS for year in e.confirmed) or (e.confirmed and e.kind != "SET"):
        problems.append(f"confirmed years are only for kind SET and must be among {SET_YEARS}")
    if re.search(r"\b(19|20)\d\d\b", e.name):
        problems.append("the name must not contain a year")
    if (e.kind == "MONTH") != (e.days is None):
        problems.append('days is "month" exactly for kind MONTH')
    if e.kind in ("FIXED", "MONTH"):
        if e.rule:
            problems.append(f"kind {e.kind} takes no rule (it is written as FREQ=YEARLY)")
        if (e.start2026.month, e.start2026.day) != (e.start2027.month, e.start2027.day):
            problems.append("a fixed date must be the same in 2026 and 2027")
        if e.kind == "MONTH" and e.start2026.day != 1:
            problems.append("a month starts on the 1st")
    else:
        if not e.rule:
            problems.append(f"kind {e.kind} needs a rule")
        else:
            try:
                for year, expected in ((2026, e.start2026), (2027, e.start2027)):
                    got = rule_dates(e.rule, year)
                    if not got or got[0] != expected:
                        shown = got[0].isoformat() if got else "nothing"
                        problems.append(f"rule gives {shown} in {year}, the table says {expected.isoformat()}")
            except ValueError as error:
                problems.append(str(error))
    return problems


def awareness_ics(events: list[Awareness]) -> str:
    out = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//AwarenessPlanner//UK health awareness days//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:UK health awareness days",
    ]
    # Sorted by slug (then year), so that a change to one day is a local diff.
    for e in sorted(events, key=lambda e: e.slug):
        if e.kind == "SET":
            for year in SET_YEARS:
                start = e.start2026 if year == 2026 else e.start2027
                out.extend(vevent(e, f"{e.slug}-{year}@{UID_DOMAIN}", start, None))
        else:
            out.extend(vevent(e, f"{e.slug}@{UID_DOMAIN}", e.start2026, e.rule or "FREQ=YEARLY"))
    # Then the overrides that give a whole month its own length in the years it differs from 2026 (February in
    # leap years), sorted by slug and year. They come last so that adding one never moves the line of any other
    # event (the line is each day's source in the planner's output).
    for e in sorted(events, key=lambda e: e.slug):
        for year in month_override_years(e):
            out.extend(vevent(e, f"{e.slug}@{UID_DOMAIN}", e.start2026.replace(year=year), None, override=True))
    out.append("END:VCALENDAR")
    return "".join(fold(line) for line in out)


def month_override_years(e: Awareness) -> list[int]:
    """The years in which a whole month has another length than in 2026 (leap-year Februaries)."""
    if e.kind != "MONTH":
        return []
    length = (e.end(e.start2026) - e.start2026).days
    return [
        year for year in range(FIRST_YEAR + 1, MONTH_OVERRIDES_UNTIL + 1)
        if calendar.monthrange(year, e.start2026.month)[1] != length
    ]


def vevent(e: Awareness, uid: str, start: dt.date, rule: str | None, override: bool = False) -> list[str]:
    """One VEVENT; `override` writes a RECURRENCE-ID copy of the recurring day's instance starting on `start`."""
    description = e.description
    tentative = e.tentative(None if rule is not None or override else start.year)
    if tentative:
        if rule is None and not override:
            description += f" The {start.year} dates are our estimate from past years: check with the organiser."
        else:
            description += " The date follows the usual pattern but is not confirmed: check with the organiser."
    lines = ["BEGIN:VEVENT", f"UID:{uid}"]
    if override:
        lines.append(f"RECURRENCE-ID;VALUE=DATE:{ical_date(start)}")
    lines += [
        f"DTSTAMP:{DTSTAMP}",
        f"DTSTART;VALUE=DATE:{ical_date(start)}",
        f"DTEND;VALUE=DATE:{ical_date(e.end(start))}",
    ]
    if rule is not None:
        lines.append(f"RRULE:{rule}")
    lines += [
        f"SUMMARY:{escape_text(e.name)}",
        f"DESCRIPTION:{escape_text(description)}",
        f"CATEGORIES:{escape_text(e.category)},{escape_text(e.topic)}",
    ]
    if e.url:
        lines.append(f"URL:{e.url}")
    lines += [
        f"STATUS:{'TENTATIVE' if tentative else 'CONFIRMED'}",
        "TRANSP:TRANSPARENT",
        f"X-GP-GROUPS:{','.join(e.groups)}",
    ]
    # An empty property value is an error to libical (X-LIC-ERROR "No value"), so a day meant to raise no
    # service leaves X-GP-SERVICES out; X-GP-GROUPS being present marks the labels as explicit.
    if e.services:
        lines.append(f"X-GP-SERVICES:{','.join(e.services)}")
    lines.append("END:VEVENT")
    return lines


# ---------------------------------------------------------------------------------------------------------------
# National vaccination and screening programmes


PROGRAMME_KINDS = ("SEASON", "STANDING")
# Month names written by hand: strftime's %B follows the locale.
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
# Characters RFC 5545 writers escape in a TEXT value; an X-GP-ELIGIBILITY value must not need escaping.
ESCAPED = re.compile(r"[;,\\\n]")


@dataclass(frozen=True)
class Programme:
    line: int
    slug: str
    name: str
    kind: str
    rule: str  # the RRULE; FREQ=YEARLY for a season
    first: dt.date
    days: int | None  # None for a whole month
    published: tuple[dt.date, ...]
    category: str
    topic: str
    url: str
    groups: tuple[str, ...]
    services: tuple[str, ...]
    eligibility: str
    description: str
    hashtag: str

    def end(self, start: dt.date) -> dt.date:
        if self.days is None:
            return dt.date(start.year + (start.month == 12), start.month % 12 + 1, 1)
        return start + dt.timedelta(days=self.days)


def load_programmes(path: Path) -> list[Programme]:
    problems: list[str] = []
    programmes: list[Programme] = []
    for line, f in read_tsv(path):
        where = f"{path.name}:{line}"
        if len(f) != 15:
            problems.append(f"{where}: error: expected 15 tab-separated fields, found {len(f)}")
            continue
        slug, name, kind, rule, first, days, published, category, topic, url, groups, services, eligibility, text, tag = f
        try:
            p = Programme(
                line, slug, name, kind, "FREQ=YEARLY" if rule == "-" else rule, dt.date.fromisoformat(first),
                None if days == "month" else int(days),
                () if published == "-" else tuple(dt.date.fromisoformat(d) for d in published.split(",")),
                category, topic, url, id_list(groups), id_list(services), eligibility, text, tag,
            )
        except ValueError as error:
            problems.append(f"{where}: error: {error}")
            continue
        problems.extend(f"{where}: error: {problem}" for problem in check_programme(p))
        programmes.append(p)
    slugs = [p.slug for p in programmes]
    for p in programmes:
        if slugs.count(p.slug) > 1:
            problems.append(f'{path.name}:{p.line}: error: duplicate slug "{p.slug}"')
    if problems:
        raise DataError("\n".join(sorted(set(problems))))
    return sorted(programmes, key=lambda p: p.slug)


def check_programme(p: Programme) -> list[str]:
    problems: list[str] = []
    if not SLUG.match(p.slug) or re.search(r"\d{4}", p.slug):
        problems.append(f'slug "{p.slug}" must be lower-case words joined by hyphens, with no year or date')
    if p.kind not in PROGRAMME_KINDS:
        problems.append(f'kind "{p.kind}" is not one of {", ".join(PROGRAMME_KINDS)}')
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9]{1,24}", p.hashtag):
        problems.append(f'hashtag "{p.hashtag}" must be 2 to 25 letters and digits, starting with a letter, without "#"')
    if p.kind == "SEASON" and p.rule != "FREQ=YEARLY":
        problems.append("a SEASON repeats every year from its first start: write its rule as -")
    if p.kind == "STANDING" and p.published:
        problems.append("a STANDING programme has no published starts (its dates are our choice)")
    if p.first.year != FIRST_YEAR:
        problems.append(f"the first start must be in {FIRST_YEAR}")
    if p.days is None and (p.first.day != 1 or p.first.month == 2):
        # February would need leap-year overrides (as the awareness calendar writes them).
        problems.append('"month" needs a first start on the 1st of a month other than February')
    if p.days is not None and not 1 <= p.days <= 62:
        problems.append(f"{p.days} days: a programme's span is 1 to 62 days")
    for d in p.published:
        if p.days is None and d.day != 1:
            problems.append(f"published start {d} of a whole-month season must be the 1st")
        if not FIRST_YEAR <= d.year or abs((d - p.first.replace(year=d.year)).days) > 31:
            problems.append(f"published start {d} is not within a month of the season's usual start")
    if len({d.year for d in p.published}) != len(p.published):
        problems.append("two published starts in one year")
    if not 1 <= len(p.groups) <= 4:
        problems.append(f"{len(p.groups)} groups; the labelling policy wants 1 to 4")
    if not 1 <= len(p.services) <= 4:
        problems.append(f"{len(p.services)} services; a programme raises 1 to 4")
    for value in p.groups + p.services:
        if not ID.match(value):
            problems.append(f'"{value}" is not a taxonomy id')
    if not p.url.startswith("https://www.nhs.uk/"):
        problems.append(f'url "{p.url}" must be the programme\'s NHS.UK page')
    if not p.eligibility or ESCAPED.search(p.eligibility):
        problems.append("eligibility must be present and use no ; , \\ or line break (docs/eligibility.md)")
    if re.search(r"\b(19|20)\d\d\b", p.name):
        problems.append("the name must not contain a year")
    return problems


def programme_ics(programmes: list[Programme]) -> str:
    out = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//AwarenessPlanner//NHS vaccination and screening programmes//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:NHS vaccination and screening programmes",
    ]
    for p in programmes:
        out.extend(programme_vevent(p, p.first, None))
    # Published season starts override the predicted instance of their year; last, as in the awareness calendar.
    for p in programmes:
        for start in p.published:
            out.extend(programme_vevent(p, start, p.first.replace(year=start.year)))
    out.append("END:VCALENDAR")
    return "".join(fold(line) for line in out)


def programme_vevent(p: Programme, start: dt.date, recurrence_id: dt.date | None) -> list[str]:
    """The recurring event (recurrence_id None) or the override of one season's instance."""
    description = p.description
    if p.kind == "SEASON" and recurrence_id is None:
        status = "TENTATIVE"
        description += (
            " The start date of each season is our prediction from past seasons until it is published:"
            " check the national letter for the year."
        )
    elif p.kind == "SEASON":
        status = "CONFIRMED"
        description += f" The {start.year} start, {start.day} {MONTHS[start.month - 1]} {start.year}, is published."
    else:
        status = "CONFIRMED"
    lines = ["BEGIN:VEVENT", f"UID:{p.slug}@{UID_DOMAIN}"]
    if recurrence_id is not None:
        lines.append(f"RECURRENCE-ID;VALUE=DATE:{ical_date(recurrence_id)}")
    lines += [
        f"DTSTAMP:{DTSTAMP}",
        f"DTSTART;VALUE=DATE:{ical_date(start)}",
        f"DTEND;VALUE=DATE:{ical_date(p.end(start))}",
    ]
    if recurrence_id is None:
        lines.append(f"RRULE:{p.rule}")
    lines += [
        f"SUMMARY:{escape_text(p.name)}",
        f"DESCRIPTION:{escape_text(description)}",
        f"CATEGORIES:{escape_text(p.category)},{escape_text(p.topic)}",
        f"URL:{p.url}",
        f"STATUS:{status}",
        "TRANSP:TRANSPARENT",
        f"X-GP-GROUPS:{','.join(p.groups)}",
        f"X-GP-SERVICES:{','.join(p.services)}",
        f"X-GP-ELIGIBILITY:{p.eligibility}",
        f"X-GP-HASHTAG:{p.hashtag}",
        "END:VEVENT",
    ]
    return lines


# ---------------------------------------------------------------------------------------------------------------
# Bank holidays, in the shape gov.uk's own feed uses (alphagov/frontend lib/ics_renderer.rb)


@dataclass(frozen=True)
class BankHoliday:
    line: int
    division: str
    date: dt.date
    title: str


def load_bank_holidays(path: Path) -> list[BankHoliday]:
    problems: list[str] = []
    holidays: list[BankHoliday] = []
    for line, f in read_tsv(path):
        where = f"{path.name}:{line}"
        if len(f) != 4:
            problems.append(f"{where}: error: expected 4 tab-separated fields, found {len(f)}")
            continue
        division, date_text, title, _note = f
        try:
            day = dt.date.fromisoformat(date_text)
        except ValueError:
            problems.append(f'{where}: error: "{date_text}" is not a YYYY-MM-DD date')
            continue
        if division not in DIVISIONS:
            problems.append(f'{where}: error: unknown division "{division}"')
        if day.weekday() > 4:
            problems.append(f"{where}: error: {date_text} is a {day.strftime('%A')}; bank holidays fall Monday to Friday")
        holidays.append(BankHoliday(line, division, day, title))
    keys = [(h.division, h.date) for h in holidays]
    for h in holidays:
        if keys.count((h.division, h.date)) > 1:
            problems.append(f"{path.name}:{h.line}: error: two holidays on {h.date.isoformat()} in {h.division}")
    if problems:
        raise DataError("\n".join(sorted(set(problems))))
    return holidays


def bank_holiday_ics(division: str, holidays: list[BankHoliday]) -> str:
    # gov.uk's UID: md5 of the request path, the ISO date, and the title with every non-word character removed
    # (Ruby's \W, which is ASCII-only: "New Year’s Day" becomes "NewYearsDay").
    path_hash = hashlib.md5(f"/bank-holidays/{division}.ics".encode("utf-8")).hexdigest()
    out = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "METHOD:PUBLISH",
        "PRODID:-//uk.gov/GOVUK calendars//EN",
        "CALSCALE:GREGORIAN",
    ]
    for h in sorted((h for h in holidays if h.division == division), key=lambda h: h.date):
        out += [
            "BEGIN:VEVENT",
            f"DTEND;VALUE=DATE:{ical_date(h.date + dt.timedelta(days=1))}",
            f"DTSTART;VALUE=DATE:{ical_date(h.date)}",
            f"SUMMARY:{h.title}",
            f"UID:{path_hash}-{h.date.isoformat()}-{re.sub(r'[^A-Za-z0-9_]', '', h.title)}@gov.uk",
            "SEQUENCE:0",
            f"DTSTAMP:{DTSTAMP}",
            "END:VEVENT",
        ]
    out.append("END:VCALENDAR")
    # gov.uk escapes nothing (no title needs it) and folds nothing; we fold the one kind of line that runs past
    # 75 octets (the long Northern Ireland UID), as RFC 5545 asks. Readers unfold it to the same value.
    return "".join(fold(line) for line in out)


# ---------------------------------------------------------------------------------------------------------------


def outputs() -> dict[Path, bytes]:
    """Every output file and its bytes; raises DataError listing the problems of both tables."""
    problems: list[str] = []
    try:
        awareness = load_awareness(AWARENESS_TSV)
    except DataError as error:
        problems.append(str(error))
    try:
        holidays = load_bank_holidays(BANK_HOLIDAYS_TSV)
    except DataError as error:
        problems.append(str(error))
    try:
        programmes = load_programmes(PROGRAMMES_TSV)
    except DataError as error:
        problems.append(str(error))
    if problems:
        raise DataError("\n".join(problems))
    files = {
        AWARENESS_ICS: awareness_ics(awareness).encode("utf-8"),
        PROGRAMMES_ICS: programme_ics(programmes).encode("utf-8"),
    }
    for division in DIVISIONS:
        files[BANK_HOLIDAYS_DIR / f"{division}.ics"] = bank_holiday_ics(division, holidays).encode("utf-8")
    return files


def main(argv: list[str]) -> int:
    check_only = argv[1:] == ["--check"]
    if argv[1:] and not check_only:
        print("usage: generate.py [--check]", file=sys.stderr)
        return 64
    try:
        files = outputs()
    except DataError as error:
        print(error, file=sys.stderr)
        return 65
    stale = []
    for path in sorted(files):
        current = path.read_bytes() if path.exists() else None
        if current == files[path]:
            continue
        stale.append(path)
        if not check_only:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(files[path])
    for path in stale:
        verb = "out of date" if check_only else "wrote"
        print(f"{verb}: {path.relative_to(ROOT)}")
    return 1 if (check_only and stale) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/env python3
"""Writes N varied, fictional practice profiles for `make bench-plan`.

Deterministic (a seeded random.Random; the same arguments give byte-identical files) and
standard library only. Every name and ODS code is made up: codes are "Y" plus five digits, the
range the sample profiles use for fictional practices. Counts are plausible, not real: list
shapes are drawn from four age profiles (young urban, commuter family, mixed market town, older
coastal) and register prevalences loosely follow the approximate QOF figures quoted in
Profiles/*.yaml; nothing here describes a real practice or patient.

About one profile in ten also gets a decisions file (a skip, a pin and a move by plausible ids),
so that the run reads decisions as real networks would; most of those ids are stale for any
given quarter, which the planner reports rather than drops.

Usage: generate_profiles.py OUT_DIR [--count 1000] [--seed 6]
"""

import argparse
import os
import random

BANDS = ["0-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49",
         "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80-84", "85-89", "90+"]

# Relative weights per band for four list shapes (fictional, rounded).
SHAPES = {
    "young-urban": [5, 4, 4, 5, 11, 14, 13, 10, 7, 6, 5, 4, 3, 3, 2, 1.4, 0.9, 0.5, 0.2],
    "commuter-family": [6, 7, 7, 6, 4, 5, 7, 8, 8, 8, 7, 6, 5, 4, 4, 3, 2, 1, 0.5],
    "market-town": [5, 5, 6, 6, 5, 5, 6, 6, 6, 7, 7, 7, 7, 6, 6, 4.5, 3, 1.8, 0.8],
    "older-coastal": [3.5, 4, 4.5, 4.5, 4, 4, 4.5, 4.5, 5, 5.5, 6.5, 7.5, 8, 8.2, 8.4, 7.3, 5.2, 3.2, 1.6],
}

# (register id, prevalence of the whole list as a share, whether a 75+ share is sometimes known)
REGISTERS = [
    ("hypertension", 0.14, False), ("diabetes", 0.065, False), ("non-diabetic-hyperglycaemia", 0.05, False),
    ("coronary-heart-disease", 0.03, False), ("heart-failure", 0.01, True), ("atrial-fibrillation", 0.02, True),
    ("stroke-tia", 0.018, False), ("asthma", 0.065, False), ("copd", 0.019, False),
    ("chronic-kidney-disease", 0.035, False), ("cancer", 0.035, False), ("dementia", 0.007, True),
    ("depression", 0.11, False), ("serious-mental-illness", 0.009, False), ("learning-disability", 0.006, False),
    ("epilepsy", 0.007, False), ("osteoporosis", 0.004, False), ("obesity", 0.09, False),
    ("palliative-care", 0.004, False),
]

COHORTS = [("carers", 0.03), ("smokers", 0.11), ("careHomeResidents", 0.006), ("veterans", 0.02),
           ("pregnantAndNewParents", 0.012)]

SERVICES = [
    "nhs-health-check", "blood-pressure-check", "cervical-screening", "breast-screening", "bowel-screening",
    "aaa-screening", "flu-vaccination", "covid-vaccination", "shingles-vaccination", "rsv-vaccination",
    "pneumococcal-vaccination", "childhood-immunisations", "smoking-cessation", "alcohol-support",
    "weight-management", "diabetes-prevention", "diabetes-review", "asthma-review", "copd-review",
    "talking-therapies", "smi-health-check", "learning-disability-health-check", "memory-assessment",
    "carers-support", "social-prescribing", "contraception-sexual-health", "menopause-support",
    "medication-review", "pharmacy-first", "nhs-app", "falls-prevention", "sight-hearing-checks",
]
ROUTES = ["phone", "online", "walk-in", "text-link", "nhs-app", "self-referral"]
PLATFORMS = ["facebook", "instagram", "x", "nextdoor", "youtube", "whatsapp", "bluesky"]

PLACE = ["Alder", "Beacon", "Brook", "Castle", "Cedar", "Church", "Clover", "Dale", "Elm", "Fern", "Glebe",
         "Harbour", "Hazel", "Heath", "Holly", "Kestrel", "Larch", "Linden", "Marsh", "Meadow", "Mill", "Moor",
         "Oak", "Orchard", "Park", "Quarry", "Rowan", "Sand", "Spring", "Station", "Tern", "Vale", "Willow",
         "Wold", "Yew"]
SUFFIX = ["Surgery", "Medical Centre", "Health Centre", "Medical Practice", "Family Practice", "Group Practice"]
NATIONS = ["england"] * 17 + ["wales", "scotland", "northern-ireland"]

# Campaign ids for the decisions files: plausible days, most of them stale for a given quarter.
DAYS = ["world-kidney-day-2027-03-11", "no-smoking-day-2027-03-10", "heart-month-2027-02-01",
        "brew-monday-2027-01-18", "time-to-talk-day-2027-02-04", "cervical-cancer-prevention-week-2027-01-25"]


def split(total, weights, rng):
    """Splits total into len(weights) whole numbers in proportion, with a little noise."""
    w = [x * rng.uniform(0.85, 1.15) for x in weights]
    s = sum(w)
    raw = [total * x / s for x in w]
    out = [int(x) for x in raw]
    rest = total - sum(out)
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - out[i]), i))
    for i in order[:rest]:
        out[i] += 1
    return out


def profile(n, rng):
    shape_name = rng.choice(sorted(SHAPES))
    shape = SHAPES[shape_name]
    size = rng.randrange(2500, 32000)
    female_share = rng.uniform(0.48, 0.53)
    female_total = int(size * female_share)
    male = split(size - female_total, shape, rng)
    # Women live longer: heavier older bands.
    female = split(female_total, [x * (1.0 + 0.04 * max(0, i - 13)) for i, x in enumerate(shape)], rng)
    older = shape_name == "older-coastal"
    name = f"{rng.choice(PLACE)} {rng.choice(['Lane', 'Road', 'Green', 'Street', 'Hill', 'Bridge', 'Cross'])} {rng.choice(SUFFIX)}"
    lines = [
        f"# Generated for make bench-plan (tools/bench-plan/generate_profiles.py): fictional practice {n}.",
        f"# List shape: {shape_name}.",
        f"name: {name}",
        f"odsCode: Y{rng.randrange(10000, 99999):05d}   # fictional",
    ]
    nation = rng.choice(NATIONS)
    if nation != "england" or rng.random() < 0.5:
        lines.append(f"nation: {nation}")
    if rng.random() < 0.7:
        lines.append(f"listSize: {size}")
    lines.append("list:")
    for sex, counts in (("male", male), ("female", female)):
        lines.append(f"  {sex}:")
        if rng.random() < 0.5:
            for b, c in zip(BANDS, counts):
                lines.append(f'    "{b}": {c}')
        else:
            lines.append("    {" + ", ".join(f'"{b}": {c}' for b, c in zip(BANDS, counts)) + "}")
    # Registers: a varied subset, older lists with higher prevalence of conditions of older age.
    lines.append("registers:")
    for rid, prev, share_known in REGISTERS:
        if rng.random() < 0.15:
            continue
        factor = rng.uniform(0.6, 1.4) * (1.5 if older and rid not in ("asthma", "depression") else 1.0)
        count = max(1, int(size * prev * factor))
        if share_known and rng.random() < 0.5:
            share = rng.uniform(0.3, 0.85) if rid != "heart-failure" else rng.uniform(0.3, 0.7)
            lines.append(f"  {rid}: {{count: {count}, share75Plus: {share:.2f}}}")
        else:
            lines.append(f"  {rid}: {count}")
    if rng.random() < 0.85:
        chosen = [(cid, prev) for cid, prev in COHORTS if rng.random() >= 0.3] or [COHORTS[0]]
        lines.append("cohorts:")
        for cid, prev in chosen:
            count = max(1, int(size * prev * rng.uniform(0.5, 1.5)))
            if cid == "careHomeResidents" and rng.random() < 0.5:
                lines.append(f"  {cid}: {{count: {count}, share75Plus: {rng.uniform(0.7, 0.95):.2f}}}")
            else:
                lines.append(f"  {cid}: {count}")
    lines.append("services:")
    for s in sorted(rng.sample(SERVICES, rng.randrange(6, len(SERVICES) + 1)), key=SERVICES.index):
        r = rng.random()
        if r < 0.15:
            lines.append(f"  - {{id: {s}, weeklyCapacity: {rng.randrange(10, 400)}, bookingRoute: {rng.choice(ROUTES)}}}")
        elif r < 0.25:
            lines.append(f"  - {{id: {s}, bookingRoute: {rng.choice(ROUTES)}}}")
        else:
            lines.append(f"  - {s}")
    lines.append("channels:")
    # Budgets: from none to about 40p per patient per year for SMS (scale: NHS North West London
    # funds 30p per patient per year, docs/profile.md), letters smaller.
    r = rng.random()
    if r > 0.05:
        lines.append("  sms:")
        if rng.random() < 0.3:
            lines.append(f"    pricePerFragmentPence: {rng.choice(['2.2', '2.4', '2.64'])}")
        if r > 0.12:
            lines.append(f"    quarterlyBudget: {int(size * rng.uniform(0.02, 0.10))}")
        if rng.random() < 0.5 or r <= 0.12:
            lines.append(f"    mobileCoverage: {rng.uniform(0.7, 0.95):.2f}")
    if rng.random() < 0.75:
        lines.append("  letters:")
        lines.append(f"    quarterlyBudget: {int(size * rng.uniform(0.005, 0.06))}")
    if rng.random() < 0.85:
        lines.append("  website:")
        lines.append(f"    monthlyVisits: {int(size * rng.uniform(0.03, 0.4))}")
    accounts = rng.sample(PLATFORMS, rng.randrange(0, 4))
    if accounts:
        lines.append("  social:")
        for p in accounts:
            lines.append(f"    - {{platform: {p}, followers: {int(size * rng.uniform(0.01, 0.3))}}}")
    if lines[-1] == "channels:":  # no channel drawn: every practice has at least a website
        lines += ["  website:", f"    monthlyVisits: {int(size * 0.1)}"]
    lines.append("staff:")
    lines.append(f"  commsHoursPerWeek: {rng.choice([2, 3, 3.5, 4, 5, 6, 8, 10])}")
    if rng.random() < 0.6:
        lines.append("quietDates:")
        lines.append(f"  - 2027-0{rng.randrange(1, 4)}-{rng.randrange(10, 28)}")
        if rng.random() < 0.5:
            lines.append("  - {from: 2027-03-15, to: 2027-03-17, reason: system migration}")
    if rng.random() < 0.5:
        lines.append("planning:")
        lines.append(f"  campaignsPerWeek: {rng.choice([1, 2, 2, 3])}")
        lines.append(f"  minDaysBetweenContacts: {rng.choice([7, 14, 21, 28])}")
        if rng.random() < 0.3:
            lines.append(f"  smsFragments: {rng.choice([1, 2, 3])}")
        if older and rng.random() < 0.5:
            lines.append('  reach:')
            lines.append('    social: {"75+": 0.10}')
    return "\n".join(lines) + "\n"


def decisions(rng):
    a, b, c = rng.sample(DAYS, 3)
    return (
        "# Fictional decisions for the benchmark.\n"
        f"- skip: {a}\n  note: \"covered by the primary care network\"\n"
        f"- pin: {b}\n"
        f"- move: {c}-sms-1\n  to: 2027-0{rng.randrange(1, 4)}-{rng.randrange(10, 28)}\n  author: \"Practice manager\"\n"
    )


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=6)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    for old in os.listdir(args.out):
        if old.endswith(".yaml"):
            os.remove(os.path.join(args.out, old))
    width = len(str(args.count))
    for n in range(1, args.count + 1):
        stem = f"practice-{n:0{width}d}"
        with open(os.path.join(args.out, stem + ".yaml"), "w", encoding="utf-8", newline="\n") as f:
            f.write(profile(n, rng))
        if rng.random() < 0.1:
            with open(os.path.join(args.out, stem + ".decisions.yaml"), "w", encoding="utf-8", newline="\n") as f:
                f.write(decisions(rng))
    print(f"wrote {args.count} profiles to {args.out}")


if __name__ == "__main__":
    main()

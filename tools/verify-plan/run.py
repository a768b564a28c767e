#!/usr/bin/env python3
"""`make verify-plan`: the planner against the exact optimum of its own planning problem.

For each instance (a profile and a quarter): `planner plan --emit-model` writes the MIP and the
planner's objective; solve.py solves it with HiGHS within the time limit; `planner plan
--model-solution` decodes the solution into a plan and checks it against the plan rules. Prints
one table row per instance and, at the end, how many instances meet the target (the planner's
older segments at least the MIP's and its reach at least 97% of the MIP's best, the optimum when
the gap closed).

Instances: both sample profiles x 2027-Q1..Q4, and N generated profiles (generate_profiles.py,
seed 11), the i-th planned for quarter 2027-Q((i mod 4) + 1).

Usage: run.py PLANNER OUT_DIR [--time-limit 60] [--generated 20] [--only NAME ...]
"""

import argparse
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TARGET = 0.97


def instances(out, generated):
    rows = []
    for profile in ["coastal-older", "urban-young"]:
        for q in range(1, 5):
            rows.append((f"{profile} 2027-Q{q}", os.path.join(ROOT, "Profiles", f"{profile}.yaml"), f"2027-Q{q}"))
    if generated:
        folder = os.path.join(out, "profiles")
        subprocess.run([sys.executable, os.path.join(ROOT, "tools/bench-plan/generate_profiles.py"), folder,
                        "--count", str(generated), "--seed", "11"], check=True, stdout=subprocess.DEVNULL)
        names = sorted(f for f in os.listdir(folder) if f.endswith(".yaml") and not f.endswith(".decisions.yaml"))
        for i, f in enumerate(names[:generated]):
            rows.append((f"{f[:-5]} 2027-Q{i % 4 + 1}", os.path.join(folder, f), f"2027-Q{i % 4 + 1}"))
    return rows


def one(planner, out, name, profile, quarter, limit):
    slug = name.replace(" ", "_")
    base = os.path.join(out, slug)
    model = base + ".lp"
    cmd = [planner, "plan", "--profile", profile, "--quarter", quarter, "--out", base, "--emit-model", model]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    side = json.load(open(model + ".json"))
    sol = base + ".solution.json"
    subprocess.run([sys.executable, os.path.join(ROOT, "tools/verify-plan/solve.py"), model, "--bigm", str(side["bigM"]),
                    "--time-limit", str(limit), "--out", sol, "--start", model + ".json"], check=True, stdout=subprocess.DEVNULL)
    subprocess.run(cmd + ["--model-solution", sol], check=True, stdout=subprocess.DEVNULL)
    s = json.load(open(sol))
    check = json.load(open(sol + ".check.json"))
    p = side["planner"]
    return {"name": name, "planner": p, "mip": s, "check": check, "bigM": side["bigM"]}


def verdict(r):
    """(meets the target, reach ratio or None)."""
    p, m = r["planner"], r["mip"]
    if m["older"] is None:
        return False, None
    ratio = p["reach"] / m["reach"] if m["reach"] else 1.0
    if p["olderServed"] != m["older"]:
        return p["olderServed"] > m["older"], ratio
    return ratio >= TARGET, ratio


HEADER = ("| instance | planner older / reach | MIP older / reach | MIP bound (older / reach) | gap | reach ratio | "
          "solve s | MIP plan violations | MIP plan refused by the scheduler | planner violations | meets 97% |\n"
          "|---|---|---|---|---|---|---|---|---|---|---|")


def row(r):
    p, m, c = r["planner"], r["mip"], r["check"]
    ok, ratio = verdict(r)
    if m["older"] is None:
        bound, gap = "-", "no solution"
    elif m["older_proven"]:
        bound = f"{m['older']} / {m['reach_bound']:.0f}"
        gap = "closed" if m["status"] == "Optimal" else f"{100 * m['reach_gap']:.2f}% of reach"
    elif m["bound"] is not None:
        bound = f"{int(m['bound'] // r['bigM'])} / -"
        gap = f"{100 * m['gap']:.2f}% of objective, older not proven"
    else:
        bound, gap = "-", "no bound"
    mip = "-" if m["older"] is None else f"{m['older']} / {m['reach']:.0f}"
    shown = "-" if ratio is None else f"{100 * ratio:.1f}%"
    if m["older"] is not None and p["olderServed"] < m["older"]:
        shown += " (fewer older)"
    return (f"| {r['name']} | {p['olderServed']} / {p['reach']:.0f} | {mip} | {bound} | {gap} | {shown} | "
            f"{m['time']:.1f} | {len(c['violations'])} | {len(c.get('refusals', []))} | {len(p['violations'])} | "
            f"{'yes' if ok else 'no'} |")


def summary(results):
    met = sum(verdict(r)[0] for r in results)
    return (f"\n{met} of {len(results)} instances meet the target (older segments no fewer than the MIP's, "
            f"reach at least 97% of the MIP's best).")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("planner")
    ap.add_argument("out")
    ap.add_argument("--time-limit", type=float, default=60)
    ap.add_argument("--generated", type=int, default=20)
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--table", action="store_true", help="print the table of OUT_DIR/results.json again")
    a = ap.parse_args()
    if a.table:
        results = json.load(open(os.path.join(a.out, "results.json")))
        print(HEADER)
        for r in results:
            print(row(r))
        print(summary(results))
        return
    os.makedirs(a.out, exist_ok=True)
    rows = instances(a.out, a.generated)
    if a.only:
        rows = [r for r in rows if r[0] in a.only]
    print(HEADER, flush=True)
    results = []
    for name, profile, quarter in rows:
        r = one(a.planner, a.out, name, profile, quarter, a.time_limit)
        results.append(r)
        print(row(r), flush=True)
    print(summary(results))
    met = sum(verdict(r)[0] for r in results)
    with open(os.path.join(a.out, "results.json"), "w") as f:
        json.dump([{k: v for k, v in r.items() if k != "mip"} | {"mip": {k: v for k, v in r["mip"].items() if k != "values"}}
                   for r in results], f, indent=1, sort_keys=True)
    bad = [r["name"] for r in results
           if r["check"]["violations"] or r["check"].get("refusals") or r["planner"]["violations"]]
    if bad:
        print("rule violations in: " + ", ".join(bad))
        sys.exit(1)
    if met < len(rows):
        sys.exit(2)


if __name__ == "__main__":
    main()

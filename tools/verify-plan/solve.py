#!/usr/bin/env python3
"""Solves a quarter planning model (`planner plan --emit-model FILE`) with HiGHS (PyPI highspy).

The model's objective is the planner's scalar: bigM * older + reach, where `older` counts the
older segments given a text or letter and bigM exceeds any possible reach, so the objective is
lexicographic (older first, then reach) as the planner's is. From the bound on the whole
objective: older is proven optimal when floor(bound / bigM) equals the older segments found, and
then bound - bigM * older bounds the reach.

With --start FILE (JSON with "start" or "values" by variable name; the sidecar `planner plan
--emit-model` writes holds the planner's own plan as "start"), the search starts from that
solution, so the MIP's best is never below a feasible plan it was given.

Usage: solve.py MODEL.lp --bigm M --time-limit SECONDS --out SOLUTION.json [--start FILE]
Writes JSON: status, objective, older, reach, bound, reach_bound, gap (relative, on the whole objective), reach_gap (on the
reach, when older is proven), older_proven, time, values (non-zero variables).
"""

import argparse
import json
import math
import time

import highspy


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("model")
    ap.add_argument("--bigm", type=float, required=True)
    ap.add_argument("--time-limit", type=float, default=60.0)
    ap.add_argument("--out", required=True)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--start")
    a = ap.parse_args()
    started = time.monotonic()
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", a.threads)
    h.setOptionValue("random_seed", 0)
    h.setOptionValue("mip_rel_gap", 1e-7)
    h.setOptionValue("time_limit", float(a.time_limit))
    h.readModel(a.model)
    lp = h.getLp()
    n = lp.num_col_
    names = [h.getColName(i)[1] for i in range(n)]
    index = {name: i for i, name in enumerate(names)}
    unknown = []
    if a.start:
        with open(a.start) as f:
            doc = json.load(f)
        start = doc.get("start", doc.get("values", {}))
        unknown = sorted(k for k in start if k not in index)
        sol = highspy.HighsSolution()
        sol.col_value = [float(start.get(name, 0.0)) for name in names]
        sol.value_valid = True
        h.setSolution(sol)
    h.run()
    info = h.getInfo()
    status = h.modelStatusToString(h.getModelStatus())
    have = info.primal_solution_status == 2
    out = {"status": status, "time": round(time.monotonic() - started, 2), "columns": n, "rows": lp.num_row_,
           "start_unknown": unknown, "objective": None, "older": None, "reach": None, "bound": None,
           "reach_bound": None, "gap": None, "reach_gap": None, "older_proven": False, "values": {}}
    if have:
        values = h.getSolution().col_value
        obj = info.objective_function_value
        bound = info.mip_dual_bound
        older = round(values[index["older"]])
        reach = obj - a.bigm * older
        if not math.isfinite(bound):
            bound = None
        proven = bound is not None and math.floor(bound / a.bigm + 1e-9) <= older
        out.update({
            "objective": obj, "older": older, "reach": reach, "bound": bound, "older_proven": proven,
            "reach_bound": (bound - a.bigm * older) if proven else None,
            "gap": (bound - obj) / max(1e-9, abs(obj)) if bound is not None else None,
            "reach_gap": ((bound - obj) / max(1e-9, abs(reach))) if proven else None,
            "values": {names[i]: round(v, 6) for i, v in enumerate(values) if abs(v) > 1e-6},
        })
    with open(a.out, "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()

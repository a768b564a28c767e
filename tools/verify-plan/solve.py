#!/usr/bin/env python3
"""Solves a quarter planning model (`planner plan --emit-model FILE`) with HiGHS (PyPI highspy).

The objective is lexicographic, as the planner's: first the number of older segments served
(the `older` column), then the relevance-weighted reach. Two stages, so that the big-M weight
never swamps the solver's gap: (1) maximise `older`; (2) fix `older` at least at what stage 1
found and maximise the reach. The time limit is shared: stage 1 gets up to a quarter of it,
stage 2 what is left. The reported objective is bigM * older + reach, the planner's scalar.

Usage: solve.py MODEL.lp --bigm M --time-limit SECONDS --out SOLUTION.json
Writes JSON: status, objective, older, reach, bound (of the whole objective), gap (relative gap
of the reach stage), older_proven (stage 1 closed its gap), time, values (non-zero variables).
"""

import argparse
import json
import time

import highspy


def run(h, limit):
    h.setOptionValue("time_limit", max(1.0, limit))
    h.run()
    info = h.getInfo()
    status = h.modelStatusToString(h.getModelStatus())
    return status, info


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("model")
    ap.add_argument("--bigm", type=float, required=True)
    ap.add_argument("--time-limit", type=float, default=60.0)
    ap.add_argument("--out", required=True)
    ap.add_argument("--threads", type=int, default=1)
    a = ap.parse_args()
    start = time.monotonic()
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", a.threads)
    h.setOptionValue("random_seed", 0)
    h.setOptionValue("mip_rel_gap", 1e-6)
    h.readModel(a.model)
    lp = h.getLp()
    n = lp.num_col_
    names = [h.getColName(i)[1] for i in range(n)]
    older = names.index("older")
    costs = list(lp.col_cost_)
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    # Stage 1: older segments only.
    h.changeColsCost(n, list(range(n)), [1.0 if i == older else 0.0 for i in range(n)])
    s1, info1 = run(h, a.time_limit / 4)
    have1 = info1.primal_solution_status == 2
    older_best = round(info1.objective_function_value) if have1 else 0
    older_bound = info1.mip_dual_bound if have1 else None
    older_proven = s1 == "Optimal"
    # Stage 2: reach, older kept at least at stage 1's best.
    reach_costs = [0.0 if i == older else c for i, c in enumerate(costs)]
    h.changeColsCost(n, list(range(n)), reach_costs)
    h.changeColBounds(older, older_best - 1e-6, lp.col_upper_[older])
    left = a.time_limit - (time.monotonic() - start)
    s2, info2 = run(h, left)
    have2 = info2.primal_solution_status == 2
    values = {}
    reach = None
    bound = None
    gap = None
    if have2:
        sol = h.getSolution().col_value
        values = {names[i]: round(v, 6) for i, v in enumerate(sol) if abs(v) > 1e-6}
        reach = info2.objective_function_value
        reach_bound = info2.mip_dual_bound
        gap = (reach_bound - reach) / max(1e-9, abs(reach)) if reach else 0.0
        olders = round(values.get("older", 0.0))
        # The bound on the whole objective: older can rise only if stage 1 was not proven.
        ob = olders if older_proven else (older_bound if older_bound is not None else olders)
        bound = a.bigm * ob + reach_bound
    else:
        olders = None
    out = {
        "status": s2,
        "older_status": s1,
        "older_proven": older_proven,
        "older": olders,
        "reach": reach,
        "objective": (a.bigm * olders + reach) if have2 else None,
        "bound": bound,
        "gap": gap,
        "time": round(time.monotonic() - start, 2),
        "columns": n,
        "rows": lp.num_row_,
        "values": values,
    }
    with open(a.out, "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()

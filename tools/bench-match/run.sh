#!/usr/bin/env bash
# `make bench-match`: what matching adds to reading. Times `planner days --format summary`,
# `planner days --format json` and `planner match --format json` on the synthetic 10k calendar
# (../shared/bench/gen_calendar.py), window 2025-01-01..2026-01-01, median of 5 runs each.
set -euo pipefail
bin=${1:?usage: run.sh PLANNER_BIN WORKDIR}
work=${2:?usage: run.sh PLANNER_BIN WORKDIR}
mkdir -p "$work"
cal="$work/cal-10000.ics"
[ -f "$cal" ] || python3 ../shared/bench/gen_calendar.py 10000 "$cal"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
run() {
  for _ in 1 2 3 4 5; do
    /usr/bin/time -f "%e" "$bin" "$@" --calendars "$cal" --from 2025-01-01 --to 2026-01-01 2>&1 >/dev/null | tail -1
  done | median
}
summary=$(run days --format summary)
days=$(run days --format json)
match=$(run match --format json)
echo "10k events, window 2025-01-01..2026-01-01, median of 5 (seconds)"
echo "  planner days --format summary  $summary"
echo "  planner days --format json     $days"
echo "  planner match --format json    $match"
awk -v d="$days" -v m="$match" 'BEGIN { printf "  matching adds %.2f s to reading the same days (json)\n", m - d }'

#!/bin/sh
# make bench-plan: times `planner plan --profiles` over the generated profiles with GNU time
# (wall clock, user and system CPU, peak resident memory): every practice is planned and its
# plan.json and exports (calendar.ics, tasks.ics, the CSV files, plan.md) written. Prints the time
# per practice, the total, the peak memory and the wall time scaled to 1,000 practices against
# issue 14's target of 10 s (aim 5 s). Wall time is noisy on a shared machine: compare the CPU
# time too, and repeat when others are building.
# Usage: tools/bench-plan/run.sh PLANNER_BINARY PROFILES_DIR OUT_DIR
set -eu
bin=$1
profiles=$2
out=$3
n=$(ls "$profiles" | grep -v '\.decisions\.yaml$' | grep -c '\.yaml$')
rm -rf "$out"
mkdir -p "$out"
# A fixed --today so every run plans the same quarter (2027-Q1).
/usr/bin/time -f '%e %M %U %S' -o "$out/time.txt" \
    "$bin" plan --profiles "$profiles" --today 2026-12-02 --out "$out/plans" >"$out/summary.txt" 2>"$out/progress.txt" || {
    status=$?
    echo "planner plan --profiles exited with $status; see $out/progress.txt" >&2
    exit "$status"
}
read -r wall rss user sys <"$out/time.txt"
planned=$(grep -c ',planned,' "$out/plans/summary.csv" || true)
exported=$(ls "$out"/plans/*/calendar.ics 2>/dev/null | wc -l)
awk -v n="$n" -v planned="$planned" -v exported="$exported" -v wall="$wall" -v rss="$rss" -v user="$user" -v sys="$sys" -v cores="$(nproc)" 'BEGIN {
    printf "profiles:          %d (%d planned, %d with exports)\n", n, planned, exported
    printf "wall time:         %.2f s on %d cores (user %.2f s, system %.2f s)\n", wall, cores, user, sys
    printf "time per practice: %.1f ms wall, %.1f ms CPU\n", 1000 * wall / n, 1000 * (user + sys) / n
    printf "peak memory:       %.1f MB (maximum resident set size)\n", rss / 1024
    per1000 = 1000 * wall / n
    printf "1,000 practices:   %.2f s wall, %.2f x the 10 s target (aim 5 s); CPU alone on %d cores: %.2f s\n", per1000, per1000 / 10, cores, 1000 * (user + sys) / n / cores
}'
echo "plans and summary.csv in $out/plans; the printed table in $out/summary.txt"

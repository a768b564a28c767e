#!/bin/sh
# make bench-plan: times `planner plan --profiles` over the generated profiles with GNU time
# (wall clock and peak resident memory) and prints the time per practice.
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
awk -v n="$n" -v planned="$planned" -v wall="$wall" -v rss="$rss" -v user="$user" -v sys="$sys" -v cores="$(nproc)" 'BEGIN {
    printf "profiles:          %d (%d planned)\n", n, planned
    printf "wall time:         %.2f s on %d cores (user %.2f s, system %.2f s)\n", wall, cores, user, sys
    printf "time per practice: %.1f ms wall, %.1f ms CPU\n", 1000 * wall / n, 1000 * (user + sys) / n
    printf "peak memory:       %.1f MB (maximum resident set size)\n", rss / 1024
}'
echo "plans and summary.csv in $out/plans; the printed table in $out/summary.txt"

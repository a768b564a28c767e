#!/usr/bin/env bash
# Usage: tools/contracts/snapshot.sh PLANNER_BIN OUTDIR   (run from the repository root)
# Writes every contract output (plan.json, exports and summary for both sample profiles x 2027-Q1..Q4,
# days/match JSON, CSV, table and summary, explain, plan --profiles) so that two builds can be compared:
#   for f in $(cd A && find . -type f); do cmp <(sed "s#A#X#g" A/$f) <(sed "s#B#X#g" B/$f); done
# (summaries print the output folder, hence the sed).
set -u
bin=$1; out=$2
rm -rf "$out"; mkdir -p "$out"
export SOURCE_DATE_EPOCH=1790000000
for p in urban-young coastal-older; do
  for q in 1 2 3 4; do
    d="$out/$p-Q$q"; mkdir -p "$d"
    "$bin" plan --profile Profiles/$p.yaml --quarter 2027-Q$q --out "$d" --today 2026-12-01 > "$d/summary.txt" 2>&1
    "$bin" match --profile Profiles/$p.yaml --from 2027-0$((3*q-2))-01 --to $( [ $q = 4 ] && echo 2028-01-01 || echo 2027-$(printf %02d $((3*q+1)))-01 ) --format json > "$d/match.json" 2>&1
  done
done
for q in 1 2 3 4; do
  from=2027-$(printf %02d $((3*q-2)))-01; to=$( [ $q = 4 ] && echo 2028-01-01 || echo 2027-$(printf %02d $((3*q+1)))-01 )
  for f in json csv summary table; do
    "$bin" days --from $from --to $to --format $f > "$out/days-Q$q.$f" 2>&1
    "$bin" days --clean --from $from --to $to --format $f > "$out/days-clean-Q$q.$f" 2>&1
  done
  "$bin" match --from $from --to $to --format json > "$out/match-Q$q.json" 2>&1
  "$bin" match --from $from --to $to --format table > "$out/match-Q$q.table" 2>&1
done
"$bin" explain stoptober --profile Profiles/coastal-older.yaml > "$out/explain.txt" 2>&1
mkdir -p "$out/many"; "$bin" plan --profiles Profiles --quarter 2027-Q1 --out "$out/many" > "$out/many.txt" 2>&1
echo "snapshot written to $out ($(find "$out" -type f | wc -l) files)"

#!/usr/bin/env bash
# bench.sh [LINES]: logstats against pipeline.sh (awk, sort, uniq, cut) on the same
# generated nginx log (default 1,000,000 lines), in one run: best of 3 wall-clock runs
# each, page cache warm, and the counting sections checked identical.
# Run from linux/logstats; needs go, awk (mawk), GNU coreutils, sed, grep.
set -euo pipefail
lines=${1:-1000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LC_ALL=C
GOWORK=off go build -o "$work/" ./cmd/logstats ./cmd/genlog
"$work/genlog" -n "$lines" -span 60m -malformed-every 10000 > "$work/access.log"
cat "$work/access.log" > /dev/null # warm the page cache

best() { # best of 3 wall-clock runs, in milliseconds
  local b=999999999 s e t
  for _ in 1 2 3; do
    s=$(date +%s%N); "$@" > "$work/out"; e=$(date +%s%N)
    t=$(( (e - s) / 1000000 )); (( t < b )) && b=$t
  done
  echo "$b"
}
go_ms=$(best "$work/logstats" "$work/access.log")
sed '/^request time/,$d' "$work/out" > "$work/go.txt"
awk_ms=$(best bash ./pipeline.sh "$work/access.log")
sed '/^exact request time/,$d' "$work/out" > "$work/awk.txt"
cmp -s "$work/go.txt" "$work/awk.txt" || { echo "bench.sh: counting sections differ" >&2; diff "$work/go.txt" "$work/awk.txt" | head >&2; exit 1; }
mb=$(( $(stat -c %s "$work/access.log") / 1048576 ))
awk -v l="$lines" -v mb="$mb" -v g="$go_ms" -v a="$awk_ms" 'BEGIN {
  printf "| input | logstats | awk/sort/uniq pipeline | speed-up |\n|---|---:|---:|---:|\n"
  printf "| %d lines, %d MiB | %.2f s (%.0f MB/s) | %.2f s | %.1f× |\n", l, mb, g / 1000, mb / (g / 1000), a / 1000, a / g }'
echo "(load average: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $(awk -W version 2>&1 | head -1 || true))"

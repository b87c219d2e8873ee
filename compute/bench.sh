#!/usr/bin/env bash
# bench.sh: the performance lesson of compute/README.md. Generates a ~200 MB
# corpus in /tmp (never in the repository), then times every word count on it
# with /usr/bin/time -v (Debian package "time") and prints a Markdown table:
# wall time, MB/s, peak RSS, and whether the output matches the sequential one.
#
#   ./bench.sh            # SIZE_MB=200 by default; SKIP_BEAM=1 to leave Beam out, SKIP_SQL=1 DuckDB
set -euo pipefail
cd "$(dirname "$0")"
export GOWORK=off

size_mb=${SIZE_MB:-200}
work=$(mktemp -d /tmp/compute-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT
corpus=/tmp/compute-corpus-${size_mb}mb.txt

go build -o "$work/" ./corpus/cmd/gencorpus ./words/cmd/wordcount ./rdd/cmd/rddwordcount
[[ ${SKIP_BEAM:-0} == 1 ]] || go -C beamwordcount build -o "$work/" ./cmd/beamwordcount # a module of its own
# ASCII text, so that the shell pipeline's [:alpha:] gives exactly our words.
[[ -s $corpus ]] || "$work/gencorpus" -ascii -size "$size_mb" -o "$corpus"
bytes=$(stat -c %s "$corpus")

echo "corpus: $corpus, $bytes bytes; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| program | wall time (s) | MB/s | peak RSS (MB) | same output |"
echo "|---|---:|---:|---:|---|"

measure() { # name, output file, command...
	local name=$1 out=$2
	shift 2
	/usr/bin/time -v -o "$work/time" "$@" >"$out"
	local wall rss
	wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$work/time")
	rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$work/time")
	local same=yes
	if [[ -f $work/seq.out && $out != "$work/seq.out" ]]; then
		cmp -s <(normalise "$out") <(normalise "$work/seq.out") || same=NO
	fi
	printf '| %s | %.2f | %.1f | %s | %s |\n' "$name" "$wall" "$(echo "$bytes / 1000000 / $wall" | bc -l)" "$rss" "$same"
}
# "word<TAB>count" and uniq -c's "  count word" both become "count word",
# sorted (ties may come in any order in the pipeline's output).
normalise() { awk -F'[ \t]+' '{ if ($1 == "") print $2, $3; else if ($2 ~ /^[0-9]+$/) print $2, $1; else print $1, $2 }' "$1" | sort; }

measure "wordcount -mode sequential" "$work/seq.out" "$work/wordcount" -mode sequential "$corpus"
for w in 1 2 4; do
	measure "wordcount -mode parallel -workers $w" "$work/par$w.out" "$work/wordcount" -workers "$w" "$corpus"
done
measure "rddwordcount -partitions 8" "$work/rdd.out" "$work/rddwordcount" -partitions 8 "$corpus"
measure "tr \| tr \| sort \| uniq -c \| sort -rn (LC_ALL=C)" "$work/shell.out" bash -c \
	"LC_ALL=C tr -cs '[:alpha:]' '\n' < '$corpus' | LC_ALL=C tr '[:upper:]' '[:lower:]' | LC_ALL=C sort | LC_ALL=C uniq -c | LC_ALL=C sort -rn | sed '/^ *[0-9]* *$/d'"
if [[ ${SKIP_BEAM:-0} != 1 ]]; then
	measure "beamwordcount (Prism, in-process)" "$work/beam.out" "$work/beamwordcount" -input "$corpus"
fi
# compute/sql, a module of its own (DuckDB, through cgo): the word count as one
# SQL query on the same corpus, then the DataFrame report over Parquet, over
# CSV and by hand with the rdd package: time and bytes read per query.
if [[ ${SKIP_SQL:-0} != 1 ]]; then
	go -C sql build -o "$work/" ./sqlwordcount/cmd/sqlwordcount ./dataframe/cmd/salesreport
	measure "sqlwordcount (DuckDB, SQL)" "$work/sql.out" "$work/sqlwordcount" "$corpus"
	orders=${ORDERS:-2000000}
	echo
	echo "salesreport -stats, $orders orders (seed 1); load average $(cut -d' ' -f1-3 /proc/loadavg)"
	for args in "-format parquet" "-format csv" "-engine rdd"; do
		# shellcheck disable=SC2086 # $args is two words on purpose
		"$work/salesreport" -orders "$orders" -dir "$work/sales" -stats $args 2>&1 >/dev/null
	done
	ls -l "$work"/sales/sales.csv "$work"/sales/sales.parquet | awk '{print $5, $NF}'
fi

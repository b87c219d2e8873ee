#!/usr/bin/env bash
# pipeline.sh FILE [TOP]: what logstats computes, done the classic way with awk, sort,
# uniq and cut, for nginx "combined" lines (+ $request_time) with times in +0000. It prints
# the same bytes as logstats for the counting sections (totals, per minute, top paths, top
# clients) and then the exact nearest-rank p50/p95/p99 of the request time in seconds, which
# logstats only estimates. logstats' tests compare the two; bench.sh times them.
set -eu
export LC_ALL=C
file=$1
top=${2:-10}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# 1. One pass: keep the lines that parse (the same rules as logstats' parser), as
#    "minute TAB status TAB path TAB client TAB seconds"; count per minute on the way.
awk -v recs="$tmp/recs" -v minutes="$tmp/minutes" -v totals="$tmp/totals" '
BEGIN {
	split("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec", mn, " ")
	for (i = 1; i <= 12; i++) mon[mn[i]] = sprintf("%02d", i)
	d = "[0-9]"
	ok = "^[^ ]+ [^[]*\\[" d d "/[A-Z][a-z][a-z]/" d d d d ":" d d ":" d d ":" d d " [-+]" d d d d "\\] \"[^\"]*\" [1-9]" d d " ([0-9]+|-) \"[^\"]*\" \"[^\"]*\""
}
$0 !~ ok { bad++; next }
{
	t = substr($0, index($0, "[") + 1, 26)          # 05/Dec/2026:04:00:00 +0000
	if (!(substr(t, 4, 3) in mon)) { bad++; next }
	if (substr(t, 22, 5) != "+0000") { print "pipeline.sh: only +0000 times: " t > "/dev/stderr"; exit 1 }
	minute = substr(t, 8, 4) "-" mon[substr(t, 4, 3)] "-" substr(t, 1, 2) "T" substr(t, 13, 5) "Z"
	n = split($0, q, "\"")                            # nginx escapes quotes inside fields as \x22
	req = q[2]
	split(q[3], sb, " "); status = sb[1]
	i = index(req, " ")
	if (i == 0) path = req; else { path = substr(req, i + 1); j = index(path, " "); if (j) path = substr(path, 1, j - 1) }
	j = index(path, "?"); if (j) path = substr(path, 1, j - 1)
	secs = ""
	if (n >= 7 && substr(q[7], 1, 1) == " ") { split(q[7], tt, " "); if (tt[1] ~ /^[0-9]+(\.[0-9]*)?$/) secs = tt[1] }
	client = substr($0, 1, index($0, " ") - 1)
	print minute "\t" status "\t" path "\t" client "\t" secs > recs
	reqs[minute]++; all++
	if (status >= 500) { errs[minute]++; allerrs++ }
}
END {
	for (m in reqs) printf "%s %9d %6d %7.2f\n", m, reqs[m], errs[m], 100 * errs[m] / reqs[m] > minutes
	printf "lines %d  requests %d  malformed %d  other records 0\n", NR, all, bad > totals
	printf "errors (status >= 500): %d of %d requests (%.2f%%)\n", allerrs, all, (all ? 100 * allerrs / all : 0) > totals
}' "$file"
touch "$tmp/recs" "$tmp/minutes"

# 2. The report: totals, minutes in order, then each top list with sort | uniq -c.
cat "$tmp/totals"
printf '\nper minute (UTC)   requests    5xx  error%%\n'
sort "$tmp/minutes"
printf '\ntop %d paths\n  count path\n' "$top"
cut -f3 "$tmp/recs" | sort | uniq -c | sort -k1,1nr -k2 | sed -n "1,${top}p"
printf '\ntop %d client addresses\n  count address\n' "$top"
cut -f4 "$tmp/recs" | sort | uniq -c | sort -k1,1nr -k2 | sed -n "1,${top}p"

# 3. Exact quantiles: every request time, sorted; the value of rank ceil(q*n).
cut -f5 "$tmp/recs" | grep -v '^$' | sort -n | awk '
{ v[NR] = $1 }
function rank(q,   r) { r = int(q * NR); if (r < q * NR) r++; if (r < 1) r = 1; return v[r] }
END { printf "\nexact request time (s): n %d  p50 %s  p95 %s  p99 %s\n", NR, rank(0.5), rank(0.95), rank(0.99) }'

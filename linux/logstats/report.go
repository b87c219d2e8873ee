package logstats

import (
	"bufio"
	"fmt"
	"io"
	"time"
)

// Write prints res as text. The counting sections (totals, per minute, top
// lists) are exact and laid out so that pipeline.sh, the awk/sort/uniq version,
// prints the same bytes for them; the request-time section is the sketch's
// estimate.
func (res Result) Write(w io.Writer, top int) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "lines %d  requests %d  malformed %d  other records %d\n", res.Lines, res.Requests, res.Malformed, res.Other)
	fmt.Fprintf(bw, "errors (status >= 500): %d of %d requests (%s%%)\n", res.Errors, res.Requests, percent(res.Errors, res.Requests))

	fmt.Fprintf(bw, "\nper minute (UTC)   requests    5xx  error%%\n")
	for _, m := range res.Minutes {
		fmt.Fprintf(bw, "%s %9d %6d %7s\n", m.Start.Format("2006-01-02T15:04Z"), m.Requests, m.Errors, percent(m.Errors, m.Requests))
	}
	for _, list := range []struct {
		title, what string
		entries     []Entry
	}{{"paths", "path", res.Paths}, {"client addresses", "address", res.Clients}} {
		fmt.Fprintf(bw, "\ntop %d %s\n  count %s\n", top, list.title, list.what)
		for _, e := range list.entries {
			if e.Err == 0 {
				fmt.Fprintf(bw, "%7d %s\n", e.Count, e.Key)
			} else {
				fmt.Fprintf(bw, "%7d %s (may be up to %d too high)\n", e.Count, e.Key, e.Err)
			}
		}
	}
	if !res.TopExact {
		fmt.Fprintf(bw, "(more than %d distinct keys: counts are Space-Saving estimates; any key above 1/%d of the requests is listed)\n", Capacity, Capacity)
	}

	fmt.Fprintf(bw, "\nrequest time (%d requests with one; log-bucket histogram, quantiles within %.0f%%)\n", res.Timed, Alpha*100)
	if res.Timed == 0 {
		fmt.Fprintf(bw, "none in the input (nginx: add $request_time to the end of log_format)\n")
	} else {
		fmt.Fprintf(bw, "p50 %s  p95 %s  p99 %s\n", ms(res.P50), ms(res.P95), ms(res.P99))
		if res.TimeOverflow > 0 {
			fmt.Fprintf(bw, "(%d request times above the histogram's range counted as %s)\n", res.TimeOverflow, MaxTime)
		}
	}
	if res.Malformed > 0 {
		fmt.Fprintf(bw, "\nmalformed lines (first %d of %d)\n", len(res.MalformedExamples), res.Malformed)
		for _, m := range res.MalformedExamples {
			fmt.Fprintf(bw, "line %d: %s: %q\n", m.Line, m.Reason, m.Text)
		}
	}
	return bw.Flush()
}

// percent is 100·a/b with two decimals, computed as awk's printf "%.2f" does.
func percent(a, b uint64) string {
	if b == 0 {
		return "0.00"
	}
	return fmt.Sprintf("%.2f", 100*float64(a)/float64(b))
}

func ms(d time.Duration) string {
	return fmt.Sprintf("%.2fms", float64(d)/float64(time.Millisecond))
}

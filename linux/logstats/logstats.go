// Package logstats analyses access logs as a stream: nginx "combined" lines
// (optionally with $request_time) and log/slog JSON records. It reports requests
// and the error ratio (status ≥ 500) per minute, the top paths and client
// addresses, and p50/p95/p99 of the request time.
//
// Memory does not grow with the number of lines: quantiles come from a
// fixed-bucket logarithmic histogram (Sketch, ≤ 1% relative error), the top
// lists from Space-Saving counters (TopK, exact while a list has at most
// Capacity distinct keys, with a stated error bound after), and the per-minute
// table holds one small entry per minute of the time span (a year: 525,600). A
// line is read into a fixed 64 KiB buffer; longer lines, like any line that does
// not parse, are counted as malformed with the first few reported, and the
// analysis goes on.
package logstats

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"time"
)

// Capacity is the number of counters of each top list.
const Capacity = 10000

// MaxLine is the longest line read; longer lines are malformed.
const MaxLine = 64 << 10

// keptExamples is how many malformed lines are kept to report.
const keptExamples = 3

// Analyzer accumulates the statistics of the lines it is given.
type Analyzer struct {
	format  Format
	lines   uint64
	reqs    uint64
	errs    uint64
	bad     uint64
	other   uint64
	badEx   []Malformed
	minutes map[int64]*Minute
	paths   *TopK
	clients *TopK
	latency Sketch
	mc      minuteCache
	rec     record
}

// Malformed is a line that did not parse: its number (from 1), why, and its
// first bytes.
type Malformed struct {
	Line   uint64
	Reason string
	Text   string
}

// Minute is the traffic of one minute.
type Minute struct {
	Start    time.Time // UTC
	Requests uint64
	Errors   uint64 // status ≥ 500
}

// New returns an Analyzer for lines of the given format.
func New(format Format) *Analyzer {
	return &Analyzer{format: format, minutes: map[int64]*Minute{}, paths: NewTopK(Capacity), clients: NewTopK(Capacity)}
}

// Line analyses one line (without its newline). The Analyzer does not keep line.
func (a *Analyzer) Line(line []byte) {
	a.lines++
	line = bytes.TrimSuffix(line, []byte("\r"))
	if len(line) == 0 {
		a.malformed(line, "empty line")
		return
	}
	r := &a.rec
	var err error
	if a.format == JSON || (a.format == Auto && line[0] == '{') {
		err = parseJSON(line, r)
	} else {
		err = parseCombined(line, r, &a.mc)
	}
	switch {
	case errors.Is(err, errOther):
		a.other++
		return
	case err != nil:
		a.malformed(line, err.Error())
		return
	}
	a.reqs++
	m := a.minutes[r.minute]
	if m == nil {
		m = &Minute{Start: time.Unix(r.minute*60, 0).UTC()}
		a.minutes[r.minute] = m
	}
	m.Requests++
	if r.status >= 500 {
		a.errs++
		m.Errors++
	}
	a.paths.Add(r.path)
	a.clients.Add(r.client)
	if r.hasDuration {
		a.latency.Add(r.duration)
	}
}

func (a *Analyzer) malformed(line []byte, reason string) {
	a.bad++
	if len(a.badEx) < keptExamples {
		a.badEx = append(a.badEx, Malformed{Line: a.lines, Reason: reason, Text: string(line[:min(len(line), 60)])})
	}
}

// ReadFrom analyses every line of r. It stops early, with ctx's error, when ctx
// ends; the statistics then cover the lines read so far. Read errors are
// returned; malformed input is not an error.
func (a *Analyzer) ReadFrom(ctx context.Context, r io.Reader) error {
	br := bufio.NewReaderSize(r, MaxLine)
	for {
		line, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			a.lines++
			a.bad++
			if len(a.badEx) < keptExamples {
				a.badEx = append(a.badEx, Malformed{Line: a.lines, Reason: fmt.Sprintf("longer than %d KiB", MaxLine>>10), Text: string(line[:60])})
			}
			for errors.Is(err, bufio.ErrBufferFull) { // skip the rest of it
				_, err = br.ReadSlice('\n')
			}
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return err
			}
			continue
		}
		if len(line) > 0 {
			a.Line(bytes.TrimSuffix(line, []byte("\n")))
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if a.lines%8192 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
	}
}

// Result is what the Analyzer found.
type Result struct {
	Lines, Requests, Errors uint64
	Malformed               uint64
	MalformedExamples       []Malformed // the first few
	Other                   uint64      // JSON records that are not requests
	Minutes                 []Minute    // in time order
	Paths, Clients          []Entry     // most frequent first
	TopExact                bool        // whether the top lists' counts are exact
	Timed                   uint64      // requests with a request time
	P50, P95, P99           time.Duration
	TimeOverflow            uint64 // request times above the sketch's range
}

// Result returns the statistics so far, with the top n of each list.
func (a *Analyzer) Result(n int) Result {
	res := Result{
		Lines: a.lines, Requests: a.reqs, Errors: a.errs, Malformed: a.bad,
		MalformedExamples: slices.Clone(a.badEx), Other: a.other,
		Paths: a.paths.Top(n), Clients: a.clients.Top(n), TopExact: a.paths.Exact() && a.clients.Exact(),
		Timed: a.latency.Count(), TimeOverflow: a.latency.Over,
		P50: a.latency.Quantile(0.50), P95: a.latency.Quantile(0.95), P99: a.latency.Quantile(0.99),
	}
	for _, k := range slices.Sorted(maps.Keys(a.minutes)) {
		res.Minutes = append(res.Minutes, *a.minutes[k])
	}
	return res
}

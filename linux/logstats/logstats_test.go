package logstats_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/linux/logstats"
)

func analyse(t *testing.T, f logstats.Format, input string) logstats.Result {
	t.Helper()
	a := logstats.New(f)
	if err := a.ReadFrom(context.Background(), strings.NewReader(input)); err != nil {
		t.Fatal(err)
	}
	return a.Result(10)
}

// Malformed input is counted and reported, never fatal: the lines after it
// still count.
func TestMalformedNeverFatal(t *testing.T) {
	good := `10.0.0.1 - - [05/Dec/2026:04:00:01 +0000] "GET /a?x=1 HTTP/1.1" 200 5 "-" "curl" 0.010`
	input := strings.Join([]string{
		good,
		"",
		"complete garbage",
		strings.Repeat("x", 200<<10), // longer than the 64 KiB line buffer
		`10.0.0.1 - - [05/Dec/2026:04:00:01 +0000] "GET / HTTP/1.1" 2000 5 "-" "curl"`,
		`10.0.0.1 - - [31/Feb/2026:25:00:01 +0000] "GET / HTTP/1.1" 200 5 "-" "curl"`,
		`{"time":"2026-12-05T04:00:02Z","status":200,`,
		good + "\r",
		good, // no final newline
	}, "\n")
	res := analyse(t, logstats.Auto, input)
	if res.Lines != 9 || res.Requests != 3 || res.Malformed != 6 {
		t.Errorf("lines %d requests %d malformed %d, want 9, 3, 6", res.Lines, res.Requests, res.Malformed)
	}
	var ex []string
	for _, m := range res.MalformedExamples {
		ex = append(ex, fmt.Sprintf("%d: %s", m.Line, m.Reason))
	}
	if want := []string{"2: empty line", "3: no [time]", "4: longer than 64 KiB"}; !slices.Equal(ex, want) {
		t.Errorf("examples %q, want %q", ex, want)
	}
	if len(res.Paths) != 1 || res.Paths[0] != (logstats.Entry{Key: "/a", Count: 3}) {
		t.Errorf("paths %+v: want /a (query stripped) 3 times", res.Paths)
	}
}

// Times with an offset are counted in the UTC minute they happened.
func TestMinutesInUTC(t *testing.T) {
	res := analyse(t, logstats.Combined, strings.Join([]string{
		`1.2.3.4 - - [04/Dec/2026:21:59:59 -0700] "GET / HTTP/1.1" 500 5 "-" "-"`,
		`1.2.3.4 - - [05/Dec/2026:04:59:00 +0000] "GET / HTTP/1.1" 200 5 "-" "-"`,
		`1.2.3.4 - - [05/Dec/2026:10:29:30 +0530] "GET / HTTP/1.1" 200 5 "-" "-"`,
	}, "\n"))
	want := []logstats.Minute{
		{Start: time.Date(2026, 12, 5, 4, 59, 0, 0, time.UTC), Requests: 3, Errors: 1},
	}
	if !slices.Equal(res.Minutes, want) {
		t.Errorf("minutes %+v, want %+v", res.Minutes, want)
	}
}

// What log/slog's JSONHandler writes is read as requests: time, status, path,
// duration (nanoseconds) and remote; records without a status are other records.
func TestSlogJSON(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&buf, nil))
	log.Info("listening", "addr", ":8080")
	for i := range 100 {
		status := 200
		if i%10 == 0 {
			status = 503
		}
		log.Info("request", "method", "GET", "path", fmt.Sprintf("/items/%d", i%3), "status", status,
			"duration", time.Duration(i+1)*time.Millisecond, "remote", "192.0.2.1")
	}
	res := analyse(t, logstats.JSON, buf.String())
	if res.Requests != 100 || res.Other != 1 || res.Malformed != 0 || res.Errors != 10 {
		t.Fatalf("%+v", res)
	}
	if res.Paths[0] != (logstats.Entry{Key: "/items/0", Count: 34}) || res.Clients[0].Key != "192.0.2.1" {
		t.Errorf("paths %+v clients %+v", res.Paths, res.Clients)
	}
	// Nearest rank over 1..100 ms: p50 = 50 ms, p99 = 99 ms.
	for _, q := range []struct{ got, want time.Duration }{{res.P50, 50 * time.Millisecond}, {res.P99, 99 * time.Millisecond}} {
		if math.Abs(float64(q.got-q.want)) > logstats.Alpha*float64(q.want) {
			t.Errorf("quantile %v, want %v ± 1%%", q.got, q.want)
		}
	}
	// A duration written as a string works too; anything else is malformed.
	res = analyse(t, logstats.Auto, `{"time":"2026-12-05T04:00:00Z","status":200,"path":"/","duration":"1.5ms"}
{"time":"2026-12-05T04:00:00Z","status":200,"path":"/","duration":true}`)
	if res.Requests != 1 || res.Malformed != 1 || math.Abs(float64(res.P50-1500*time.Microsecond)) > 15e3 {
		t.Errorf("string duration: %+v", res)
	}
}

// The sketch keeps every quantile within 1% of the exact nearest-rank value,
// on distributions of very different shapes.
func TestSketchErrorBound(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for name, gen := range map[string]func() time.Duration{
		"lognormal":   func() time.Duration { return time.Duration(math.Exp(r.NormFloat64()*1.5 + math.Log(2e7))) },
		"uniform":     func() time.Duration { return time.Duration(r.Int64N(int64(10 * time.Second))) },
		"exponential": func() time.Duration { return time.Duration(r.ExpFloat64() * 1e6) },
		"few values":  func() time.Duration { return []time.Duration{0, time.Millisecond, 3 * time.Second}[r.IntN(3)] },
	} {
		var s logstats.Sketch
		vals := make([]time.Duration, 50000)
		for i := range vals {
			vals[i] = gen()
			s.Add(vals[i])
		}
		slices.Sort(vals)
		for _, q := range []float64{0.01, 0.5, 0.9, 0.95, 0.99, 0.999, 1} {
			exact := vals[int(math.Ceil(q*float64(len(vals))))-1]
			got := s.Quantile(q)
			if exact < time.Microsecond {
				if got != 0 {
					t.Errorf("%s q%g: %v, want 0 for %v", name, q, got, exact)
				}
				continue
			}
			if rel := math.Abs(float64(got-exact)) / float64(exact); rel > logstats.Alpha+1e-9 {
				t.Errorf("%s q%g: %v, exact %v: relative error %.4f", name, q, got, exact, rel)
			}
		}
	}
}

// Space-Saving: exact up to its capacity; beyond it, the heavy keys are still
// there, and each reported count bounds the true one from above by at most Err.
func TestTopK(t *testing.T) {
	k := logstats.NewTopK(100)
	for i := range 100 {
		for range i + 1 {
			k.Add([]byte(fmt.Sprint("k", i)))
		}
	}
	if !k.Exact() || k.Top(1)[0] != (logstats.Entry{Key: "k99", Count: 100}) {
		t.Fatalf("exact phase: %v %+v", k.Exact(), k.Top(1))
	}
	// Now a stream of 20,000 distinct keys with three heavy ones among them.
	k = logstats.NewTopK(100)
	truth := map[string]uint64{}
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 20000 {
		key := fmt.Sprint("rare", i)
		if h := r.IntN(10); h < 3 {
			key = fmt.Sprint("heavy", h)
		}
		truth[key]++
		k.Add([]byte(key))
	}
	if k.Exact() {
		t.Fatal("still exact after 20,000 keys in 100 counters")
	}
	top := k.Top(3)
	for _, e := range top {
		if !strings.HasPrefix(e.Key, "heavy") || e.Count < truth[e.Key] || e.Count-e.Err > truth[e.Key] {
			t.Errorf("%+v: true count %d", e, truth[e.Key])
		}
	}
}

// Memory stays flat however many distinct paths and clients stream by.
func TestBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("streams 120,000 lines")
	}
	pr, pw := io.Pipe()
	go func() {
		for i := range 120000 {
			fmt.Fprintf(pw, "10.%d.%d.%d - - [05/Dec/2026:04:%02d:00 +0000] \"GET /u/%d HTTP/1.1\" 200 1 \"-\" \"-\" 0.%03d\n",
				i>>16&255, i>>8&255, i&255, i%60, i, i%1000)
		}
		pw.Close()
	}()
	a := logstats.New(logstats.Combined)
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	if err := a.ReadFrom(context.Background(), pr); err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	res := a.Result(3)
	if res.Requests != 120000 || res.TopExact {
		t.Fatalf("requests %d, exact %v", res.Requests, res.TopExact)
	}
	// 2 × 10,000 counters of a few dozen bytes each, 60 minutes, the sketch:
	// a few MB. Keeping every distinct key would take ~60 MB.
	if grown := int64(after.HeapAlloc) - int64(before.HeapAlloc); grown > 12<<20 {
		t.Errorf("heap grew by %d MB", grown>>20)
	}
	runtime.KeepAlive(a)
}

package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/prometheustest"
	"example.com/cloudgo/network/http/api"
	"example.com/cloudgo/network/internal/cli"
	"example.com/cloudgo/network/metrics"
	v1 "github.com/prometheus/client_golang/api/prometheus/v1"
	"github.com/prometheus/common/model"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

// TestAgainstPrometheus runs the instrumented API on the host, lets a real
// Prometheus scrape it, and checks through the HTTP API what the test itself
// sent: exact counts per route and status, a p95 in the right bucket, and the
// alert going from inactive to pending to firing once errors are injected.
// Only Prometheus 2.42's API and PromQL are used (CI's stand-in).
func TestAgainstPrometheus(t *testing.T) {
	kit.RequireDocker(t)
	reg := metrics.NewRegistry()
	app := httptest.NewServer(metrics.App(metrics.NewHTTP(reg), slog.New(slog.DiscardHandler), api.DefaultConfig, true))
	defer app.Close()
	// /metrics on all interfaces: the container reaches it through the host gateway.
	mln, err := net.Listen("tcp", "0.0.0.0:0")
	if err != nil {
		t.Fatal(err)
	}
	msrv := &http.Server{Handler: metrics.Handler(reg), ReadHeaderTimeout: 2 * time.Second}
	go msrv.Serve(mln)
	defer msrv.Close()

	rules := readFile(t, "../../alerts.yml")
	// The same rule with a short "for": the test waits seconds, not a minute.
	fast := strings.Replace(rules, "for: 1m", "for: 3s", 1)
	if fast == rules {
		t.Fatal(`alerts.yml has no "for: 1m" to shorten`)
	}
	config := fmt.Sprintf(`global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files: [%s/fast/alerts.yml]
scrape_configs:
  - job_name: api
    static_configs:
      - targets: ["%s:%d"]
`, prometheustest.ConfigDir, prometheustest.HostGateway, mln.Addr().(*net.TCPAddr).Port)
	prom := prometheustest.Start(t, config, map[string]string{
		"alerts.yml": rules, "alerts_test.yml": readFile(t, "../../alerts_test.yml"), "fast/alerts.yml": fast,
	})
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	papi, err := metrics.NewAPI(prom.URL(), 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if bi, err := papi.Buildinfo(ctx); err == nil {
		t.Logf("Prometheus %s", bi.Version)
	}

	t.Run("promtool", func(t *testing.T) {
		for _, args := range [][]string{
			{"check", "rules", prometheustest.ConfigDir + "/alerts.yml"},
			{"test", "rules", prometheustest.ConfigDir + "/alerts_test.yml"},
		} {
			out, err := prom.Promtool(ctx, args...)
			if err != nil || !strings.Contains(out, "SUCCESS") {
				t.Errorf("promtool %s: %v\n%s", strings.Join(args, " "), err, out)
			}
		}
	})

	// Traffic with known routes, statuses and latencies; want counts what was sent.
	var mu sync.Mutex
	want := map[string]float64{}
	send := func(method, path string, header http.Header, wantRoute, wantCode string) (time.Duration, error) {
		req, err := http.NewRequestWithContext(ctx, method, app.URL+path, strings.NewReader(`{"name":"x"}`))
		if err != nil {
			return 0, err
		}
		for k, v := range header {
			req.Header[k] = v
		}
		began := time.Now()
		resp, err := app.Client().Do(req)
		if err != nil {
			return 0, err
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		took := time.Since(began)
		if got := fmt.Sprint(resp.StatusCode); got != wantCode {
			return took, fmt.Errorf("%s %s: status %s, want %s", method, path, got, wantCode)
		}
		mu.Lock()
		want[wantRoute+" "+wantCode]++
		mu.Unlock()
		return took, nil
	}
	must := func(_ time.Duration, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	for range 3 {
		must(send("POST", "/items", nil, "POST /items", "201"))
	}
	must(send("GET", "/items/1", nil, "GET /items/{id}", "200"))
	must(send("GET", "/items/2", nil, "GET /items/{id}", "200"))
	must(send("GET", "/items/99", nil, "GET /items/{id}", "404"))
	must(send("GET", "/nothing", nil, "unmatched", "404"))
	must(send("PATCH", "/items", nil, "unmatched", "405"))
	// GET /slow: 10 × 20 ms, 6 × 60 ms, 4 × 170 ms, all at once. The true p95
	// (nearest rank: the 19th of 20) is one of the 170 ms requests.
	slowBatch := func() []time.Duration {
		slow := make([]time.Duration, 20)
		errs := make([]error, 20)
		var wg sync.WaitGroup
		for i := range 20 {
			d := []time.Duration{20, 60, 170}[min(i/10+i/16, 2)] * time.Millisecond
			wg.Go(func() { slow[i], errs[i] = send("GET", "/slow?for="+d.String(), nil, "GET /slow", "200") })
		}
		wg.Wait()
		for _, err := range errs {
			must(0, err)
		}
		return slow
	}
	slow := slowBatch()
	total := sum(want)

	t.Run("counts", func(t *testing.T) {
		got := await(t, ctx, "all requests scraped", func() (map[string]float64, bool) {
			m := counts(t, ctx, papi, metrics.CountQuery("api"))
			return m, sum(m) == total
		})
		for k, v := range want {
			if got[k] != v {
				t.Errorf("http_requests_total %s = %v, want %v", k, got[k], v)
			}
		}
		if len(got) != len(want) {
			t.Errorf("series %v, want %v", got, want)
		}
		for _, q := range []string{`go_goroutines{job="api"}`, `process_cpu_seconds_total{job="api"}`, `http_requests_in_flight{job="api"} == 0`} {
			if vec := query(t, ctx, papi, q); len(vec) != 1 {
				t.Errorf("%s: %v, want one series", q, vec)
			}
		}
	})

	t.Run("p95 within its bucket", func(t *testing.T) {
		vec := query(t, ctx, papi, `histogram_quantile(0.95, sum by (le) (http_request_duration_seconds_bucket{job="api",route="GET /slow"}))`)
		if len(vec) != 1 {
			t.Fatalf("p95: %v", vec)
		}
		p95 := float64(vec[0].Value)
		slices.Sort(slow)
		truth := slow[18].Seconds() // the client's view: the server's, plus the trip
		lo, hi := bucket(0.170)
		if p95 <= lo || p95 > hi || math.Abs(p95-truth) > hi-lo {
			t.Errorf("p95 = %.3fs: want it in the bucket (%g, %g] of the true p95 (%.3fs as the client measured it)", p95, lo, hi, truth)
		}
	})

	t.Run("rule inactive without errors", func(t *testing.T) {
		if st := ruleState(t, ctx, papi, "HighErrorRatio"); st != "inactive" {
			t.Errorf("HighErrorRatio is %q, want inactive", st)
		}
	})

	t.Run("promquery", func(t *testing.T) {
		// rate() counts increases between samples: a series' first sample is
		// no increase. So a second round of traffic, scraped after the first.
		second := slowBatch()
		must(send("GET", "/items/1", nil, "GET /items/{id}", "200"))
		out := runOK(t, "-prometheus", prom.URL(), "-job", "api", "-min-requests", fmt.Sprint(sum(want)))
		for _, line := range []string{
			"  POST /items            201     3\n",
			"  GET /items/{id}        200     3\n",
			"  GET /slow              200    40\n",
			"  unmatched              405     1\n",
			"5xx ratio over 1m:    0.0%\n",
			"request rate over 1m: ",
			"alerts: none active\n",
		} {
			if !strings.Contains(out, line) {
				t.Errorf("output lacks %q:\n%s", line, out)
			}
		}
		// The p95 over all routes is one of the 170 ms /slow requests: above 0.15 s,
		// and at most the upper bound of the bucket of the slowest request the
		// client saw (the server's time is the client's minus the trip). Under
		// load it moves up a bucket or two, with what the client measured.
		m := regexp.MustCompile(`p95 latency over 1m:\s+([0-9.]+)s`).FindStringSubmatch(out)
		if m == nil {
			t.Fatalf("no p95 line:\n%s", out)
		}
		p95, _ := strconv.ParseFloat(m[1], 64)
		_, hi := bucket(slices.Max(append(slices.Clone(slow), second...)).Seconds())
		if p95 <= 0.15 || p95 > hi {
			t.Errorf("p95 = %gs: want it above 0.15 s and at most %g s (the bucket of the slowest request)", p95, hi)
		}
	})

	t.Run("alert pending then firing", func(t *testing.T) {
		// Keep sending, 2 of every 5 requests failing, until the alert fires.
		var states []string
		deadline := time.Now().Add(90 * time.Second)
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		for !slices.Contains(states, "firing") {
			for i := range 5 {
				if i < 2 {
					must(send("GET", "/items", http.Header{metrics.FaultHeader: {"500"}}, "GET /items", "500"))
				} else {
					must(send("GET", "/healthz", nil, "GET /healthz", "200"))
				}
			}
			alerts, err := papi.Alerts(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range alerts.Alerts {
				if a.Labels["alertname"] == "HighErrorRatio" && (len(states) == 0 || states[len(states)-1] != string(a.State)) {
					states = append(states, string(a.State))
					if a.Labels["job"] != "api" || a.Labels["severity"] != "page" {
						t.Errorf("alert labels %v", a.Labels)
					}
				}
			}
			if time.Now().After(deadline) {
				t.Fatalf("alert states seen %v: never firing", states)
			}
			<-tick.C
		}
		if !slices.Equal(states, []string{"pending", "firing"}) {
			t.Errorf("alert states %v, want [pending firing]", states)
		}
		total := sum(want)
		got := await(t, ctx, "the errors scraped", func() (map[string]float64, bool) {
			m := counts(t, ctx, papi, metrics.CountQuery("api"))
			return m, sum(m) == total
		})
		if got["GET /items 500"] != want["GET /items 500"] || got["GET /healthz 200"] != want["GET /healthz 200"] {
			t.Errorf("counted %v 5xx and %v healthz, sent %v and %v", got["GET /items 500"], got["GET /healthz 200"], want["GET /items 500"], want["GET /healthz 200"])
		}
		out := runOK(t, "-prometheus", prom.URL(), "-job", "api", "-await-alert", "HighErrorRatio")
		if !strings.Contains(out, "alert HighErrorRatio firing: api: ") {
			t.Errorf("promquery does not show the firing alert:\n%s", out)
		}
	})
}

func TestUnreachable(t *testing.T) {
	addr := "127.0.0.1:1" // nothing listens on port 1
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"-prometheus", "http://" + addr, "-timeout", "2s"}, &stdout, &stderr)
	if cli.Code(err) != 1 || !strings.Contains(err.Error(), addr) || !strings.Contains(err.Error(), "make up") {
		t.Errorf("err = %v, want exit 1 naming %s and `make up`", err, addr)
	}
}

func TestBadFlagValues(t *testing.T) {
	for _, args := range [][]string{
		{"-window", "0s"}, {"-window", "500ms"}, {"-timeout", "0s"}, {"-timeout", "-1s"},
		{"-min-requests", "-1"}, {"-wait", "0s"}, {"-window", "soon"},
		{"-prometheus", "127.0.0.1:9090"}, {"-prometheus", "ftp://x"},
	} {
		err := run(context.Background(), args, io.Discard, io.Discard)
		if cli.Code(err) != 2 || !strings.Contains(err.Error(), args[0]) {
			t.Errorf("%v: err = %v (exit %d), want exit 2 naming the flag", args, err, cli.Code(err))
		}
	}
}

func runOK(t *testing.T, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), append(args, "-wait", "60s"), &stdout, &stderr); err != nil {
		t.Fatalf("promquery %v: %v\n%s", args, err, stderr.String())
	}
	return stdout.String()
}

// await polls f until it reports done, for at most a minute.
func await[T any](t *testing.T, ctx context.Context, what string, f func() (T, bool)) T {
	t.Helper()
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
	deadline := time.Now().Add(time.Minute)
	for {
		v, done := f()
		if done {
			return v
		}
		if time.Now().After(deadline) {
			t.Fatalf("waited a minute for %s: last %v", what, v)
		}
		select {
		case <-ctx.Done():
			t.Fatal(ctx.Err())
		case <-tick.C:
		}
	}
}

func query(t *testing.T, ctx context.Context, papi v1.API, q string) model.Vector {
	t.Helper()
	v, _, _, err := papi.Query(ctx, q, time.Now())
	if err != nil {
		t.Fatalf("query %s: %v", q, err)
	}
	return v.(model.Vector)
}

// counts maps "route code" to the value of each series of a CountQuery.
func counts(t *testing.T, ctx context.Context, papi v1.API, q string) map[string]float64 {
	m := map[string]float64{}
	for _, s := range query(t, ctx, papi, q) {
		m[string(s.Metric["route"])+" "+string(s.Metric["code"])] = float64(s.Value)
	}
	return m
}

func sum(m map[string]float64) float64 {
	var n float64
	for _, v := range m {
		n += v
	}
	return n
}

// bucket returns the histogram bucket (lo, hi] that holds v.
func bucket(v float64) (lo, hi float64) {
	for _, b := range metrics.Buckets {
		if v <= b {
			return lo, b
		}
		lo = b
	}
	return lo, math.Inf(1)
}

func ruleState(t *testing.T, ctx context.Context, papi v1.API, name string) string {
	t.Helper()
	rules, err := papi.Rules(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range rules.Groups {
		for _, r := range g.Rules {
			if a, ok := r.(v1.AlertingRule); ok && a.Name == name {
				return string(a.State)
			}
		}
	}
	t.Fatalf("no alerting rule %s loaded", name)
	return ""
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

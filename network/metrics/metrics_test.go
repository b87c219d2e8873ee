package metrics_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/network/http/api"
	"example.com/cloudgo/network/metrics"
	"github.com/prometheus/client_golang/prometheus/testutil"
)

func newApp(t *testing.T, faults bool) (*httptest.Server, *metrics.HTTP, http.Handler) {
	reg := metrics.NewRegistry()
	m := metrics.NewHTTP(reg)
	cfg := api.DefaultConfig
	cfg.HandlerTimeout = 300 * time.Millisecond
	srv := httptest.NewServer(metrics.App(m, slog.New(slog.DiscardHandler), cfg, faults))
	t.Cleanup(srv.Close)
	return srv, m, metrics.Handler(reg)
}

func do(t *testing.T, srv *httptest.Server, method, path string, header ...string) int {
	t.Helper()
	req, _ := http.NewRequest(method, srv.URL+path, strings.NewReader(`{"name":"x"}`))
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

// Routes are labelled by pattern, not by path: /items/1 and /items/2 are one
// series, and paths no pattern matches share "unmatched".
func TestCountsByRouteAndCode(t *testing.T) {
	srv, m, _ := newApp(t, false)
	do(t, srv, "POST", "/items")
	do(t, srv, "GET", "/items/1")
	do(t, srv, "GET", "/items/2")
	do(t, srv, "GET", "/no/such/path")
	do(t, srv, "PATCH", "/items")
	do(t, srv, "GET", "/slow?for=1s") // cut off by the 300 ms handler timeout: 503
	for _, c := range []struct {
		route, code string
		want        float64
	}{
		{"POST /items", "201", 1}, {"GET /items/{id}", "200", 1}, {"GET /items/{id}", "404", 1},
		{"unmatched", "404", 1}, {"unmatched", "405", 1}, {"GET /slow", "503", 1},
	} {
		if got := testutil.ToFloat64(m.Requests.WithLabelValues(c.route, c.code)); got != c.want {
			t.Errorf("http_requests_total{route=%q,code=%q} = %v, want %v", c.route, c.code, got, c.want)
		}
	}
	if n := testutil.CollectAndCount(m.Requests); n != 6 {
		t.Errorf("%d request series, want 6", n)
	}
	// The histogram has one series per route (four).
	if n := testutil.CollectAndCount(m.Duration); n != 4 {
		t.Errorf("%d duration series, want 4 (one per route)", n)
	}
}

func TestInFlight(t *testing.T) {
	srv, m, _ := newApp(t, false)
	done := make(chan int)
	go func() {
		resp, err := srv.Client().Get(srv.URL + "/slow?for=250ms")
		if err != nil {
			done <- 0
			return
		}
		resp.Body.Close()
		done <- resp.StatusCode
	}()
	deadline := time.Now().Add(5 * time.Second)
	for testutil.ToFloat64(m.InFlight) != 1 {
		if time.Now().After(deadline) {
			t.Fatal("in-flight gauge never reached 1")
		}
		time.Sleep(5 * time.Millisecond) // polling a condition, not waiting a fixed time
	}
	if code := <-done; code != 200 {
		t.Fatalf("/slow: %d", code)
	}
	if v := testutil.ToFloat64(m.InFlight); v != 0 {
		t.Errorf("in flight after the request: %v", v)
	}
}

func TestInjectFaults(t *testing.T) {
	srv, m, _ := newApp(t, true)
	if code := do(t, srv, "GET", "/items", metrics.FaultHeader, "503"); code != 503 {
		t.Errorf("injected 503: got %d", code)
	}
	for _, v := range []string{"200", "404", "abc", "600"} { // only 5xx are injected
		if code := do(t, srv, "GET", "/items", metrics.FaultHeader, v); code != 200 {
			t.Errorf("%s: %s: got %d, want the real 200", metrics.FaultHeader, v, code)
		}
	}
	if got := testutil.ToFloat64(m.Requests.WithLabelValues("GET /items", "503")); got != 1 {
		t.Errorf("injected fault counted %v times under its route, want 1", got)
	}
	off, _, _ := newApp(t, false)
	if code := do(t, off, "GET", "/items", metrics.FaultHeader, "503"); code != 200 {
		t.Errorf("without faults enabled: got %d", code)
	}
}

// The /metrics page has the request metrics and the Go runtime's.
func TestMetricsPage(t *testing.T) {
	srv, _, h := newApp(t, false)
	do(t, srv, "GET", "/healthz")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequestWithContext(context.Background(), "GET", "/metrics", nil))
	body := rec.Body.String()
	for _, s := range []string{
		`http_requests_total{code="200",route="GET /healthz"} 1`,
		`http_request_duration_seconds_bucket{route="GET /healthz",le="0.25"} 1`,
		`http_request_duration_seconds_bucket{route="GET /healthz",le="+Inf"} 1`,
		"http_requests_in_flight 0", "go_goroutines ", "go_gc_duration_seconds", "process_cpu_seconds_total",
	} {
		if !strings.Contains(body, s) {
			t.Errorf("/metrics lacks %q", s)
		}
	}
}

func TestQueries(t *testing.T) {
	for got, want := range map[string]string{
		metrics.CountQuery("api"):                   `sum by (route, code) (http_requests_total{job="api"})`,
		metrics.RateQuery("api", time.Minute):       `sum(rate(http_requests_total{job="api"}[1m]))`,
		metrics.ErrorRatioQuery("api", time.Minute): `(sum(rate(http_requests_total{job="api",code=~"5.."}[1m])) or vector(0)) / sum(rate(http_requests_total{job="api"}[1m]))`,
		metrics.P95Query("api", 5*time.Minute):      `histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job="api"}[5m])))`,
	} {
		if got != want {
			t.Errorf("query\n got %s\nwant %s", got, want)
		}
	}
}

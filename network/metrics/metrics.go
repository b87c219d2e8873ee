// Package metrics instruments an HTTP API for Prometheus with client_golang,
// and reads the numbers back from a Prometheus server with its HTTP API
// (query.go).
//
// App is the items API of ../http/api, measured. What is measured, per
// request, by Middleware:
//
//   - http_requests_total{route, code}: a counter. route is the ServeMux pattern
//     that matched ("GET /items/{id}"), never the raw path: every label value is
//     a separate time series, and raw paths (/items/1, /items/2, …) would grow
//     them without bound. Requests no pattern matched (404, 405) count as
//     route="unmatched".
//   - http_request_duration_seconds{route}: a histogram with Buckets.
//   - http_requests_in_flight: a gauge of requests being served now.
//
// NewRegistry adds the Go runtime's metrics (go_goroutines, go_gc_*,
// go_memstats_*, go_sched_*) and the process's (process_cpu_seconds_total,
// open file descriptors, resident memory).
package metrics

import (
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"example.com/cloudgo/network/http/api"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Buckets are the upper bounds (seconds) of the latency histogram. They are
// chosen for this API rather than taken from prometheus.DefBuckets:
//
//   - histogram_quantile can only interpolate inside a bucket, so a quantile is
//     known to within the width of the bucket it falls in. The buckets are
//     narrow (50 ms) from 100 ms to 300 ms, where the latency objective lies
//     (p95 under 250 ms), and wide where only "fast" or "far too slow" matters.
//   - 0.25 is a bound on purpose: the share of requests within the objective is
//     then exact, bucket{le="0.25"} / count, with no interpolation at all.
//   - The last finite bound, 5 s, is the API's handler timeout: every request
//     that ran into it lands in +Inf, so that bucket counts exactly the timeouts.
//   - Each bucket is one more time series per route: 13 here (with +Inf),
//     where 30 fine buckets would cost more than they tell.
var Buckets = []float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.5, 1, 2.5, 5}

// HTTP holds the request metrics of one server.
type HTTP struct {
	Requests *prometheus.CounterVec
	Duration *prometheus.HistogramVec
	InFlight prometheus.Gauge
}

// NewRegistry returns a registry with the Go runtime and process collectors. A
// registry of one's own, rather than prometheus.DefaultRegisterer, keeps tests
// (and two servers in one process) from sharing counters.
func NewRegistry() *prometheus.Registry {
	reg := prometheus.NewRegistry()
	reg.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	return reg
}

// NewHTTP creates the request metrics and registers them with reg.
func NewHTTP(reg prometheus.Registerer) *HTTP {
	m := &HTTP{
		Requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "http_requests_total",
			Help: "HTTP requests served, by route pattern and status code.",
		}, []string{"route", "code"}),
		Duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "http_request_duration_seconds",
			Help:    "Time from the request's arrival at the handler to its response, by route pattern.",
			Buckets: Buckets,
		}, []string{"route"}),
		InFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "http_requests_in_flight",
			Help: "Requests being served now.",
		}),
	}
	reg.MustRegister(m.Requests, m.Duration, m.InFlight)
	return m
}

// Middleware measures every request. routes is the mux that will serve it:
// the route label is the pattern routes.Handler(r) matches. It is looked up
// here, before serving, because the middlewares in between (request IDs,
// timeouts) hand the mux a copy of the request, so a pattern the mux records
// there never reaches this one. Put Middleware outermost: then a request that
// http.TimeoutHandler answers with 503 is counted as 503.
func (m *HTTP) Middleware(routes *http.ServeMux) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			m.InFlight.Inc()
			defer m.InFlight.Dec()
			began := time.Now()
			_, route := routes.Handler(r)
			if route == "" {
				route = "unmatched"
			}
			rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
			next.ServeHTTP(rec, r)
			m.Duration.WithLabelValues(route).Observe(time.Since(began).Seconds())
			m.Requests.WithLabelValues(route, strconv.Itoa(rec.status)).Inc()
		})
	}
}

// App is the items API of ../http/api with its middleware, measured by m, and
// with InjectFaults when faults is set.
func App(m *HTTP, logger *slog.Logger, cfg api.Config, faults bool) http.Handler {
	mux := api.Routes(api.NewStore())
	mw := []func(http.Handler) http.Handler{m.Middleware(mux), api.RequestID, api.Logging(logger)}
	if faults {
		mw = append(mw, InjectFaults)
	}
	return api.Chain(mux, append(mw, api.Timeout(cfg.HandlerTimeout))...)
}

// statusRecorder remembers the status code the handler wrote.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

// Unwrap lets http.ResponseController reach the real writer (Flush etc.).
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// Handler serves reg's metrics in the Prometheus text format (or OpenMetrics,
// when the scraper asks for it). Errors while gathering are answered with 500 and
// logged by the server's ErrorLog, instead of a partial page.
func Handler(reg *prometheus.Registry) http.Handler {
	return promhttp.HandlerFor(reg, promhttp.HandlerOpts{EnableOpenMetrics: true, Registry: reg})
}

// FaultHeader is the request header InjectFaults obeys.
const FaultHeader = "X-Inject-Status"

// InjectFaults answers a request that carries "X-Inject-Status: 5xx" with
// that status instead of serving it, so tests and demos can produce server
// errors on demand. For demonstrations only: a real server must never let its
// clients choose its failures.
func InjectFaults(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s := r.Header.Get(FaultHeader); s != "" {
			if code, err := strconv.Atoi(s); err == nil && code >= 500 && code <= 599 {
				http.Error(w, "injected fault", code)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

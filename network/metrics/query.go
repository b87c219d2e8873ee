package metrics

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"net"
	"net/http"
	"slices"
	"time"

	"github.com/prometheus/client_golang/api"
	v1 "github.com/prometheus/client_golang/api/prometheus/v1"
	"github.com/prometheus/common/model"
)

// The PromQL the example asks. Every query names the job, so two scraped
// services never mix, and sums over the label it does not want before
// dividing or taking a quantile: a ratio of sums, never a sum of ratios. All of
// it is PromQL that Prometheus 2.x and 3.x both answer.

// CountQuery is the total of requests per route and status since the
// server started.
func CountQuery(job string) string {
	return fmt.Sprintf(`sum by (route, code) (http_requests_total{job=%q})`, job)
}

// RateQuery is requests per second over window.
func RateQuery(job string, window time.Duration) string {
	return fmt.Sprintf(`sum(rate(http_requests_total{job=%q}[%s]))`, job, model.Duration(window))
}

// ErrorRatioQuery is the share of 5xx answers over window. "or vector(0)"
// makes it 0, not empty, when there was no error at all.
func ErrorRatioQuery(job string, window time.Duration) string {
	w := model.Duration(window)
	return fmt.Sprintf(`(sum(rate(http_requests_total{job=%q,code=~"5.."}[%s])) or vector(0)) / sum(rate(http_requests_total{job=%q}[%s]))`, job, w, job, w)
}

// P95Query is the 95th percentile of the request duration over window, all
// routes together (add route to "by (le)" for one per route). The buckets are
// summed first: quantiles cannot be averaged, bucket counts can.
// histogram_quantile interpolates linearly inside the bucket the quantile falls
// in: the answer is exact only to within that bucket (see Buckets).
func P95Query(job string, window time.Duration) string {
	return fmt.Sprintf(`histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job=%q}[%s])))`, job, model.Duration(window))
}

// NewAPI returns a client of the Prometheus HTTP API at url whose every request
// is bounded by timeout (the caller's context may end it sooner).
func NewAPI(url string, timeout time.Duration) (v1.API, error) {
	rt := &http.Transport{
		DialContext:           (&net.Dialer{Timeout: timeout}).DialContext,
		ResponseHeaderTimeout: timeout,
		IdleConnTimeout:       30 * time.Second,
	}
	c, err := api.NewClient(api.Config{Address: url, RoundTripper: rt})
	if err != nil {
		return nil, fmt.Errorf("prometheus client for %s: %w", url, err)
	}
	return v1.NewAPI(c), nil
}

// Count is one series of CountQuery.
type Count struct {
	Route, Code string
	Requests    float64
}

// Summary is what Read found for one job.
type Summary struct {
	Counts     []Count    // by route, then code
	Rate       float64    // requests per second
	ErrorRatio float64    // 0..1; NaN when there were no requests in the window
	P95        float64    // seconds; NaN when there were no requests in the window
	Alerts     []v1.Alert // every active alert of the server (pending or firing)
}

// Read asks the server at url about job over window, each query bounded by
// timeout. Errors name the server and the query.
func Read(ctx context.Context, papi v1.API, url, job string, window, timeout time.Duration) (Summary, error) {
	s := Summary{ErrorRatio: math.NaN(), P95: math.NaN()}
	query := func(q string) (model.Vector, error) {
		ctx, cancel := context.WithTimeout(ctx, timeout)
		defer cancel()
		v, _, _, err := papi.Query(ctx, q, time.Now())
		if err != nil {
			return nil, fmt.Errorf("query %s at %s: %w", q, url, err)
		}
		vec, ok := v.(model.Vector)
		if !ok {
			return nil, fmt.Errorf("query %s at %s: got a %s, want a vector", q, url, v.Type())
		}
		return vec, nil
	}
	vec, err := query(CountQuery(job))
	if err != nil {
		return s, err
	}
	for _, smp := range vec {
		s.Counts = append(s.Counts, Count{Route: string(smp.Metric["route"]), Code: string(smp.Metric["code"]), Requests: float64(smp.Value)})
	}
	slices.SortFunc(s.Counts, func(a, b Count) int { return cmp.Or(cmp.Compare(a.Route, b.Route), cmp.Compare(a.Code, b.Code)) })
	if vec, err = query(RateQuery(job, window)); err != nil {
		return s, err
	}
	if len(vec) == 1 {
		s.Rate = float64(vec[0].Value)
	}
	if vec, err = query(ErrorRatioQuery(job, window)); err != nil {
		return s, err
	}
	if len(vec) == 1 {
		s.ErrorRatio = float64(vec[0].Value)
	}
	if vec, err = query(P95Query(job, window)); err != nil {
		return s, err
	}
	if len(vec) == 1 {
		s.P95 = float64(vec[0].Value)
	}
	actx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	alerts, err := papi.Alerts(actx)
	if err != nil {
		return s, fmt.Errorf("list alerts at %s: %w", url, err)
	}
	s.Alerts = alerts.Alerts
	slices.SortFunc(s.Alerts, func(a, b v1.Alert) int { return cmp.Compare(a.Labels.String(), b.Labels.String()) })
	return s, nil
}

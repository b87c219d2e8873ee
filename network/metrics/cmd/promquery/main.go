// Command promquery asks Prometheus how a scraped job is doing, through the
// HTTP API (client_golang's api/prometheus/v1): requests per route and status,
// the request rate, the 5xx ratio, the p95 latency per route
// (histogram_quantile) and the active alerts.
//
//	go run ./metrics/cmd/promquery -prometheus http://127.0.0.1:9090 -job metricsserver
//	go run ./metrics/cmd/promquery -min-requests 20 -await-alert HighErrorRatio   (wait for them first)
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"net"
	neturl "net/url"
	"os"
	"os/signal"
	"slices"
	"syscall"
	"time"

	"example.com/cloudgo/network/internal/cli"
	"example.com/cloudgo/network/metrics"
	v1 "github.com/prometheus/client_golang/api/prometheus/v1"
	"github.com/prometheus/common/model"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("promquery", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("promquery", flag.ContinueOnError)
	fs.SetOutput(stderr)
	url := fs.String("prometheus", cli.Env("PROMETHEUS_URL", "http://127.0.0.1:9090"), "Prometheus base URL (env PROMETHEUS_URL)")
	job := fs.String("job", cli.Env("PROMETHEUS_JOB", "metricsserver"), "scrape job to ask about (env PROMETHEUS_JOB)")
	window := fs.Duration("window", time.Minute, "range of rate() and histogram_quantile()")
	timeout := fs.Duration("timeout", 10*time.Second, "limit of each query")
	minRequests := fs.Int("min-requests", 0, "first wait until Prometheus has scraped this many requests of the job")
	awaitAlert := fs.String("await-alert", "", "first wait until this alert is pending or firing")
	wait := fs.Duration("wait", 30*time.Second, "limit of that waiting")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if u, err := neturl.Parse(*url); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return cli.Usagef("-prometheus must be an http(s) URL, got %q", *url)
	}
	switch {
	case *window < time.Second:
		return cli.Usagef("-window must be at least 1s, got %v", *window)
	case *timeout <= 0:
		return cli.Usagef("-timeout must be positive, got %v", *timeout)
	case *minRequests < 0:
		return cli.Usagef("-min-requests must not be negative, got %d", *minRequests)
	case *wait <= 0:
		return cli.Usagef("-wait must be positive, got %v", *wait)
	}
	papi, err := metrics.NewAPI(*url, *timeout)
	if err != nil {
		return err
	}
	var s metrics.Summary
	for deadline := time.Now().Add(*wait); ; {
		if s, err = metrics.Read(ctx, papi, *url, *job, *window, *timeout); err != nil {
			if _, ok := errors.AsType[*net.OpError](err); ok {
				return fmt.Errorf("%w (is Prometheus running? start it with `make up`)", err)
			}
			return err
		}
		seen := total(s.Counts)
		if seen >= float64(*minRequests) && (*awaitAlert == "" || active(s, *awaitAlert)) {
			break
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("waited %v at %s: job %q has %.0f requests (want %d), alert %q active: %v",
				*wait, *url, *job, seen, *minRequests, *awaitAlert, active(s, *awaitAlert))
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(250 * time.Millisecond):
		}
	}
	report(stdout, s, *window)
	return nil
}

func report(w io.Writer, s metrics.Summary, window time.Duration) {
	win := model.Duration(window)
	fmt.Fprintln(w, "requests by route and status (http_requests_total):")
	for _, c := range s.Counts {
		fmt.Fprintf(w, "  %-22s %s %5.0f\n", c.Route, c.Code, c.Requests)
	}
	fmt.Fprintf(w, "request rate over %s: %.2f/s\n", win, s.Rate)
	fmt.Fprintf(w, "5xx ratio over %s:    %s\n", win, orNone(100*s.ErrorRatio, "%.1f%%"))
	fmt.Fprintf(w, "p95 latency over %s:  %s (histogram_quantile)\n", win, orNone(s.P95, "%.3fs"))
	if len(s.Alerts) == 0 {
		fmt.Fprintln(w, "alerts: none active")
	}
	for _, a := range s.Alerts {
		fmt.Fprintf(w, "alert %s %s: %s\n", a.Labels[model.AlertNameLabel], a.State, a.Annotations["summary"])
	}
}

// orNone formats v, or says why there is no value (NaN: no requests in the window).
func orNone(v float64, format string) string {
	if math.IsNaN(v) {
		return "- (no requests in the window)"
	}
	return fmt.Sprintf(format, v)
}

func total(cs []metrics.Count) float64 {
	var n float64
	for _, c := range cs {
		n += c.Requests
	}
	return n
}

func active(s metrics.Summary, name string) bool {
	return slices.ContainsFunc(s.Alerts, func(a v1.Alert) bool { return string(a.Labels[model.AlertNameLabel]) == name })
}

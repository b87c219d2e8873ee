// Command metricsserver runs the items API of ../../http/api measured with
// Prometheus metrics, and serves them on a port of their own.
//
//	go run ./metrics/cmd/metricsserver -addr 127.0.0.1:8081 -metrics-addr 0.0.0.0:9464 -faults
//	curl -s http://127.0.0.1:9464/metrics | grep ^http_
//	curl -s -H 'X-Inject-Status: 503' http://127.0.0.1:8081/items     (with -faults)
//
// /metrics has a listener of its own so that it is never exposed where the API
// is (on the internet, behind a load balancer) and stays reachable for
// Prometheus when the API's own connections are exhausted.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"example.com/cloudgo/network/http/api"
	"example.com/cloudgo/network/internal/cli"
	"example.com/cloudgo/network/metrics"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("metricsserver", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, _, stderr io.Writer) error {
	cfg := api.DefaultConfig
	fs := flag.NewFlagSet("metricsserver", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", cli.Env("HTTP_ADDR", "127.0.0.1:8081"), "API listen address (env HTTP_ADDR)")
	metricsAddr := fs.String("metrics-addr", cli.Env("METRICS_ADDR", "127.0.0.1:9464"),
		"listen address of /metrics (env METRICS_ADDR); 0.0.0.0:9464 lets a Prometheus in a container reach it")
	faults := fs.Bool("faults", false, "answer requests that carry X-Inject-Status: 5xx with that status (demos and tests only)")
	fs.DurationVar(&cfg.HandlerTimeout, "handler-timeout", cfg.HandlerTimeout, "max time per request")
	fs.DurationVar(&cfg.ShutdownGrace, "grace", cfg.ShutdownGrace, "time in-flight requests get on shutdown")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if cfg.HandlerTimeout <= 0 {
		return cli.Usagef("-handler-timeout must be positive, got %v", cfg.HandlerTimeout)
	}
	if cfg.ShutdownGrace <= 0 {
		return cli.Usagef("-grace must be positive, got %v", cfg.ShutdownGrace)
	}
	for name, a := range map[string]string{"-addr": *addr, "-metrics-addr": *metricsAddr} {
		if _, _, err := net.SplitHostPort(a); err != nil {
			return cli.Usagef("%s must be host:port, got %q", name, a)
		}
	}
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	reg := metrics.NewRegistry()
	app := metrics.App(metrics.NewHTTP(reg), logger, cfg, *faults)
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	mln, err := net.Listen("tcp", *metricsAddr)
	if err != nil {
		ln.Close()
		return fmt.Errorf("listen on %s for /metrics: %w", *metricsAddr, err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", metrics.Handler(reg))
	msrv := &http.Server{Handler: mux, ReadHeaderTimeout: 2 * time.Second, WriteTimeout: 10 * time.Second, IdleTimeout: time.Minute}

	logger.Info("listening", "addr", "http://"+ln.Addr().String(), "metrics", "http://"+mln.Addr().String()+"/metrics", "faults", *faults)
	// Both servers stop together: on SIGINT/SIGTERM, or when either fails.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan error, 1)
	go func() {
		defer cancel()
		done <- api.Serve(ctx, msrv, mln, cfg.ShutdownGrace)
	}()
	err = api.Serve(ctx, api.NewServer(app, logger, cfg), ln, cfg.ShutdownGrace)
	cancel()
	if merr := <-done; err == nil {
		err = merr
	}
	if err != nil {
		return err
	}
	logger.Info("stopped")
	return nil
}

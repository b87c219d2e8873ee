// Command webapp is the Python original's Flask "Hello, World!" app as a Go HTTP
// service, ready for a container: configuration from flags or the environment, a
// liveness and a readiness endpoint, JSON logs on stdout, and a graceful shutdown
// when the orchestrator sends SIGTERM: readiness turns 503 first, the server keeps
// serving for a drain period so load balancers see it and stop sending, and only
// then stops, letting the requests in flight finish.
//
// It is a module of its own (only the standard library) so that its Docker build
// context, and the image's `go mod download`, stay small.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"sync/atomic"
	"syscall"
	"time"

	"example.com/cloudgo/cloud/webapp/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("webapp", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("webapp", flag.ContinueOnError)
	fs.SetOutput(stderr)
	port := fs.Int("port", 8080, "TCP port on all interfaces; 0 picks a free one (env PORT)")
	greeting := fs.String("greeting", "Hello, World!", "what GET / answers (env GREETING)")
	drain := fs.Duration("drain", 5*time.Second, "after SIGTERM: how long /readyz answers 503 while still serving, before shutting down (env DRAIN_PERIOD)")
	grace := fs.Duration("shutdown-timeout", 10*time.Second, "then: how long requests in flight get to finish (env SHUTDOWN_TIMEOUT)")
	healthcheck := fs.Bool("healthcheck", false, "GET /healthz on the local server and exit 0 if it is healthy (Docker's HEALTHCHECK: distroless has no curl)")
	// The environment first (a container's configuration), flags override it.
	for name, env := range map[string]string{"port": "PORT", "greeting": "GREETING", "drain": "DRAIN_PERIOD", "shutdown-timeout": "SHUTDOWN_TIMEOUT"} {
		if v := cli.Env(env, ""); v != "" {
			if err := fs.Set(name, v); err != nil {
				return cli.Usagef("%s=%q: %v", env, v, err)
			}
		}
	}
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	switch {
	case *port < 0 || *port > 65535:
		return cli.Usagef("-port must be 0 to 65535, got %d", *port)
	case *drain < 0:
		return cli.Usagef("-drain must be 0 or positive, got %s", *drain)
	case *grace <= 0:
		return cli.Usagef("-shutdown-timeout must be positive, got %s", *grace)
	}
	if *healthcheck {
		return probe(ctx, *port)
	}
	// All interfaces: inside a container, 127.0.0.1 is unreachable from outside.
	addr := net.JoinHostPort("", strconv.Itoa(*port))
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen %s: %w", addr, err)
	}
	var ready atomic.Bool
	ready.Store(true)
	log := slog.New(slog.NewJSONHandler(stdout, nil))
	return serve(ctx, ln, newHandler(*greeting, &ready), &ready, *drain, *grace, log)
}

func newHandler(greeting string, ready *atomic.Bool) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, greeting)
	})
	// Liveness: the process answers. Readiness turns 503 once shutdown starts, so a
	// load balancer stops sending new requests while the old ones finish.
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		if !ready.Load() {
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "shutting down"})
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
	})
	return mux
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func probe(ctx context.Context, port int) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	url := fmt.Sprintf("http://127.0.0.1:%d/healthz", port)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("health check: %w", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("health check GET %s: %s", url, resp.Status)
	}
	return nil
}

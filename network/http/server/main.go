// Command server runs the items JSON API.
//
//	go run ./http/server -addr 127.0.0.1:8080      (or HTTP_ADDR=...)
//	curl -s -d '{"name":"first"}' http://127.0.0.1:8080/items
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"syscall"

	"example.com/cloudgo/network/http/api"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "http-server:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, out io.Writer) error {
	cfg := api.DefaultConfig
	fs := flag.NewFlagSet("http-server", flag.ContinueOnError)
	addr := fs.String("addr", envOr("HTTP_ADDR", "127.0.0.1:8080"), "listen address (env HTTP_ADDR)")
	fs.DurationVar(&cfg.HandlerTimeout, "handler-timeout", cfg.HandlerTimeout, "max time per request")
	fs.DurationVar(&cfg.ShutdownGrace, "grace", cfg.ShutdownGrace, "time in-flight requests get on shutdown")
	if err := fs.Parse(args); err != nil {
		return err
	}
	logger := slog.New(slog.NewTextHandler(out, nil))
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	srv := api.NewServer(api.NewHandler(api.NewStore(), logger, cfg), logger, cfg)
	logger.Info("listening", "addr", "http://"+ln.Addr().String())
	if err := api.Serve(ctx, srv, ln, cfg.ShutdownGrace); err != nil {
		return err
	}
	logger.Info("stopped")
	return nil
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

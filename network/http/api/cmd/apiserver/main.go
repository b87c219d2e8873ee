// Command apiserver runs the items JSON API.
//
//	go run ./http/api/cmd/apiserver -addr 127.0.0.1:8080      (or HTTP_ADDR=...)
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
	"example.com/cloudgo/network/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("apiserver", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, _, stderr io.Writer) error {
	cfg := api.DefaultConfig
	fs := flag.NewFlagSet("apiserver", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", cli.Env("HTTP_ADDR", "127.0.0.1:8080"), "listen address (env HTTP_ADDR)")
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
	logger := slog.New(slog.NewTextHandler(stderr, nil))
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

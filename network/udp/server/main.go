// Command server is a UDP echo server: one socket, no connections, no
// per-peer state.
//
//	go run ./udp/server -addr 127.0.0.1:9001      (or UDP_ADDR=...)
//	printf hello | nc -u -w1 127.0.0.1 9001
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

	"example.com/cloudgo/network/udp/echo"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "udp-server:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("udp-server", flag.ContinueOnError)
	addr := fs.String("addr", envOr("UDP_ADDR", "127.0.0.1:9001"), "listen address (env UDP_ADDR)")
	maxPayload := fs.Int("max-payload", echo.DefaultMaxPayload, "largest datagram echoed, in bytes")
	if err := fs.Parse(args); err != nil {
		return err
	}
	logger := slog.New(slog.NewTextHandler(out, nil))
	conn, err := net.ListenPacket("udp", *addr)
	if err != nil {
		return fmt.Errorf("listen on udp %s: %w", *addr, err)
	}
	logger.Info("listening", "addr", conn.LocalAddr().String())
	srv := &echo.Server{MaxPayload: *maxPayload, Logger: logger}
	if err := srv.Serve(ctx, conn); err != nil {
		return err
	}
	// Nothing to drain: each datagram is answered before the next is read.
	logger.Info("stopped")
	return nil
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

// Command udpserver is a UDP echo server: one socket, no connections, no
// per-peer state.
//
//	go run ./udp/echo/cmd/udpserver -addr 127.0.0.1:9001      (or UDP_ADDR=...)
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

	"example.com/cloudgo/network/internal/cli"
	"example.com/cloudgo/network/udp/echo"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("udpserver", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, _, stderr io.Writer) error {
	fs := flag.NewFlagSet("udpserver", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", cli.Env("UDP_ADDR", "127.0.0.1:9001"), "listen address (env UDP_ADDR)")
	maxPayload := fs.Int("max-payload", echo.DefaultMaxPayload, "largest datagram echoed, in bytes")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if *maxPayload < 1 || *maxPayload > echo.MaxPayload {
		return cli.Usagef("-max-payload must be from 1 to %d bytes, got %d", echo.MaxPayload, *maxPayload)
	}
	logger := slog.New(slog.NewTextHandler(stderr, nil))
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

// Command echoserver is a concurrent line-echo server over TCP.
//
//	go run ./tcp/echo/cmd/echoserver -addr 127.0.0.1:9000      (or TCP_ADDR=...)
//	printf 'hello\n' | nc -N 127.0.0.1 9000
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"example.com/cloudgo/network/internal/cli"
	"example.com/cloudgo/network/tcp/echo"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("echoserver", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// maxFrameLimit bounds -max-frame: each connection may buffer one frame.
const maxFrameLimit = 64 << 20

func run(ctx context.Context, args []string, _, stderr io.Writer) error {
	fs := flag.NewFlagSet("echoserver", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", cli.Env("TCP_ADDR", "127.0.0.1:9000"), "listen address (env TCP_ADDR)")
	maxFrame := fs.Int("max-frame", 64<<10, "longest accepted line in bytes")
	readTimeout := fs.Duration("read-timeout", 30*time.Second, "time allowed for one whole frame")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if *maxFrame < 1 || *maxFrame > maxFrameLimit {
		return cli.Usagef("-max-frame must be from 1 to %d bytes, got %d", maxFrameLimit, *maxFrame)
	}
	if *readTimeout <= 0 {
		return cli.Usagef("-read-timeout must be positive, got %v", *readTimeout)
	}
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	srv := echo.NewServer(logger)
	srv.MaxFrame, srv.ReadTimeout = *maxFrame, *readTimeout
	logger.Info("listening", "addr", ln.Addr().String())

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down: draining connections")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := <-served; !errors.Is(err, echo.ErrServerClosed) {
		return err
	}
	logger.Info("stopped")
	return nil
}

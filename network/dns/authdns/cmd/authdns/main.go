// Command authdns is an authoritative DNS server for the demo zone
// example.test, over UDP and TCP on one port.
//
//	go run ./dns/authdns/cmd/authdns -addr 127.0.0.1:8053      (or DNS_ADDR=...)
//	dig @127.0.0.1 -p 8053 www.example.test A +short
package main

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"example.com/cloudgo/network/dns/authdns"
	"example.com/cloudgo/network/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("authdns", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, _, stderr io.Writer) error {
	fs := flag.NewFlagSet("authdns", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", cli.Env("DNS_ADDR", "127.0.0.1:8053"), "listen address, UDP and TCP (env DNS_ADDR)")
	zoneFile := fs.String("zone", "", "zone file to serve (default: the built-in example.test zone)")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	text := authdns.ExampleZone
	if *zoneFile != "" {
		b, err := os.ReadFile(*zoneFile)
		if err != nil {
			return fmt.Errorf("read zone: %w", err)
		}
		text = string(b)
	}
	zone, err := authdns.ParseZone(text)
	if err != nil {
		return fmt.Errorf("%s: %w", cmp.Or(*zoneFile, "built-in zone"), err)
	}
	srv, err := authdns.Start(*addr, zone)
	if err != nil {
		return err
	}
	logger.Info("serving", "zone", zone.Origin(), "addr", srv.Addr, "transports", "udp+tcp")
	<-ctx.Done()
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	logger.Info("stopped")
	return nil
}

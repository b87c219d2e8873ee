// Command genlog writes a reproducible nginx "combined" access log (with
// $request_time) or log/slog JSON log to stdout, for logstats and its
// comparison with awk: skewed paths and clients, ~2% 5xx with one bad minute,
// log-normal request times, and optionally malformed lines.
//
//	go run ./logstats/cmd/genlog -n 1000000 -malformed-every 10000 > /tmp/access.log
package main

import (
	"context"
	"flag"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"example.com/cloudgo/linux/internal/cli"
	"example.com/cloudgo/linux/logstats"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("genlog", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("genlog", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 10000, "lines to write")
	seed := fs.Uint64("seed", 1, "random seed: the same seed gives the same file")
	start := fs.String("start", "2026-12-05T04:00:00Z", "time of the first request (RFC 3339)")
	span := fs.Duration("span", 10*time.Minute, "time from the first to the last request")
	format := fs.String("format", "combined", "combined (nginx, with $request_time) or json (log/slog)")
	badEvery := fs.Int("malformed-every", 0, "make every n-th line malformed (0: none)")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	t0, err := time.Parse(time.RFC3339, *start)
	switch {
	case err != nil:
		return cli.Usagef("-start must be an RFC 3339 time, got %q", *start)
	case *n < 0:
		return cli.Usagef("-n must not be negative, got %d", *n)
	case *span <= 0:
		return cli.Usagef("-span must be positive, got %v", *span)
	case *badEvery < 0:
		return cli.Usagef("-malformed-every must not be negative, got %d", *badEvery)
	case *format != "combined" && *format != "json":
		return cli.Usagef("-format must be combined or json, got %q", *format)
	}
	return logstats.Generate(ctx, stdout, logstats.GenOptions{
		Lines: *n, Seed: *seed, Start: t0, Span: *span, JSON: *format == "json", MalformedEvery: *badEvery,
	})
}

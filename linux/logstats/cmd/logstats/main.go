// Command logstats summarises access logs in one streaming pass: nginx
// "combined" lines (with $request_time when present) and log/slog JSON records,
// from files (.gz too) or stdin. It prints requests and the 5xx ratio per
// minute, the top paths and clients, and p50/p95/p99 of the request time, in
// memory that does not grow with the input (see package logstats).
//
//	go run ./logstats/cmd/genlog -n 100000 > /tmp/access.log
//	go run ./logstats/cmd/logstats /tmp/access.log
//	docker exec web cat /var/log/nginx/access.log | go run ./logstats/cmd/logstats
package main

import (
	"compress/gzip"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"example.com/cloudgo/linux/internal/cli"
	"example.com/cloudgo/linux/logstats"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("logstats", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// stdin is what "-" (or no FILE) reads; tests replace it.
var stdin io.Reader = os.Stdin

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("logstats", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: logstats [flags] [FILE|- ...]   (no FILE: stdin; FILE.gz is decompressed)")
		fs.PrintDefaults()
	}
	format := fs.String("format", cli.Env("LOGSTATS_FORMAT", "auto"), "auto, combined or json (env LOGSTATS_FORMAT); auto: a line starting with { is JSON")
	top := fs.Int("top", 10, "entries in each top list (1-1000)")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	f, ok := logstats.ParseFormat(*format)
	if !ok {
		return cli.Usagef("-format must be auto, combined or json, got %q", *format)
	}
	if *top < 1 || *top > 1000 {
		return cli.Usagef("-top must be 1-1000, got %d", *top)
	}
	files := fs.Args()
	if len(files) == 0 {
		files = []string{"-"}
	}
	a := logstats.New(f)
	for _, name := range files {
		if err := analyse(ctx, a, name); err != nil {
			// Interrupted or unreadable: still show what was read so far.
			res := a.Result(*top)
			if res.Lines == 0 {
				return err
			}
			if werr := res.Write(stdout, *top); werr != nil {
				return werr
			}
			return fmt.Errorf("%w (the report covers the %d lines before it)", err, res.Lines)
		}
	}
	return a.Result(*top).Write(stdout, *top)
}

// analyse feeds one file ("-": stdin) to a.
func analyse(ctx context.Context, a *logstats.Analyzer, name string) error {
	var r io.Reader = stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return err // *PathError: "open NAME: reason"
		}
		defer f.Close()
		r = f
	}
	if strings.HasSuffix(name, ".gz") {
		z, err := gzip.NewReader(r)
		if err != nil {
			return fmt.Errorf("gunzip %s: %w", name, err)
		}
		defer z.Close()
		r = z
	}
	if err := a.ReadFrom(ctx, r); err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	return nil
}

// Command client shows what Varnish does with the origin's responses: the first
// request is a MISS (fetched from the origin), the next ones are HITs with a growing
// Age, the TTL comes from the origin's Cache-Control, "private, no-store" is never
// cached, and a PURGE evicts an object at once.
//
//	go run ./varnish/cmd/client -url http://127.0.0.1:6081   (or VARNISH_URL; needs `make up`
//	                                                     and `go run ./varnish/cmd/origin`)
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"example.com/cloudgo/cache/internal/cli"
	"example.com/cloudgo/cache/varnish"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("client", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("client", flag.ContinueOnError)
	fs.SetOutput(stderr)
	base := fs.String("url", cli.Env("VARNISH_URL", "http://127.0.0.1:6081"), "Varnish base URL (env VARNISH_URL)")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if u, err := url.Parse(*base); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return cli.Usagef("-url %q: want http://host:port", *base)
	}
	return walk(ctx, strings.TrimSuffix(*base, "/"), stdout)
}

func walk(ctx context.Context, base string, out io.Writer) error {
	step := func(label, method, path string) (varnish.Response, error) {
		r, err := varnish.Do(ctx, method, base+path)
		if err != nil {
			return r, fmt.Errorf("%w (is Varnish up? `make up`, and the origin? `go run ./varnish/cmd/origin`)", err)
		}
		fmt.Fprintf(out, "%-28s %s", label, r)
		if r.Body == "" || r.Body[len(r.Body)-1] != '\n' {
			fmt.Fprintln(out)
		}
		return r, nil
	}
	// Purge first so that every run starts from an empty cache.
	for _, p := range []string{"/ttl/60", "/ttl/2"} {
		if _, err := varnish.Do(ctx, "PURGE", base+p); err != nil {
			return fmt.Errorf("%w (is Varnish up? `make up`)", err)
		}
	}
	steps := []struct {
		label, method, path string
		wait                time.Duration
	}{
		{"first GET /ttl/60", "GET", "/ttl/60", 0},
		{"second GET, 1s later", "GET", "/ttl/60", time.Second},
		{"GET /ttl/2", "GET", "/ttl/2", 0},
		{"GET /ttl/2 again", "GET", "/ttl/2", 0},
		{"GET /ttl/2 after 3s", "GET", "/ttl/2", 3 * time.Second},
		{"GET /private", "GET", "/private", 0},
		{"GET /private again", "GET", "/private", 0},
		{"PURGE /ttl/60", "PURGE", "/ttl/60", 0},
		{"GET /ttl/60 after purge", "GET", "/ttl/60", 0},
	}
	for _, s := range steps {
		select {
		case <-time.After(s.wait):
		case <-ctx.Done():
			return ctx.Err()
		}
		if _, err := step(s.label, s.method, s.path); err != nil {
			return err
		}
	}
	return nil
}

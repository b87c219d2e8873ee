// Command client exercises the items API: create, fetch, list.
//
//	go run ./http/client -addr 127.0.0.1:8080 apples pears
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"example.com/cloudgo/network/http/api"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "http-client:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("http-client", flag.ContinueOnError)
	addr := fs.String("addr", envOr("HTTP_ADDR", "127.0.0.1:8080"), "server address (env HTTP_ADDR)")
	timeout := fs.Duration("timeout", 5*time.Second, "timeout for the whole run")
	if err := fs.Parse(args); err != nil {
		return err
	}
	names := fs.Args()
	if len(names) == 0 {
		names = []string{"apples", "pears"}
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	hc := api.NewHTTPClient(*timeout)
	defer hc.CloseIdleConnections()
	c := &api.Client{Base: "http://" + *addr, HTTP: hc}
	for _, n := range names {
		it, err := c.Create(ctx, n)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "created %+v\n", it)
	}
	first, err := c.Get(ctx, 1)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "item 1: %+v\n", first)
	items, err := c.List(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "all items: %+v\n", items)
	return nil
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

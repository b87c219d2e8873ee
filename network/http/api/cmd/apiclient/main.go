// Command apiclient exercises the items API: create, fetch, list.
//
//	go run ./http/api/cmd/apiclient -addr 127.0.0.1:8080 apples pears
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"example.com/cloudgo/network/http/api"
	"example.com/cloudgo/network/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("apiclient", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("apiclient", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", cli.Env("HTTP_ADDR", "127.0.0.1:8080"), "server address (env HTTP_ADDR)")
	timeout := fs.Duration("timeout", 5*time.Second, "timeout for the whole run")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if *timeout <= 0 {
		return cli.Usagef("-timeout must be positive, got %v", *timeout)
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
		fmt.Fprintf(stdout, "created %+v\n", it)
	}
	first, err := c.Get(ctx, 1)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "item 1: %+v\n", first)
	items, err := c.List(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "all items: %+v\n", items)
	return nil
}

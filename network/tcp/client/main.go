// Command client sends each argument as one line to the echo server and
// prints the replies.
//
//	go run ./tcp/client -addr 127.0.0.1:9000 hello world
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"example.com/cloudgo/network/tcp/echo"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "tcp-client:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("tcp-client", flag.ContinueOnError)
	addr := fs.String("addr", envOr("TCP_ADDR", "127.0.0.1:9000"), "server address (env TCP_ADDR)")
	timeout := fs.Duration("timeout", 3*time.Second, "dial timeout, and timeout of each round trip")
	if err := fs.Parse(args); err != nil {
		return err
	}
	msgs := fs.Args()
	if len(msgs) == 0 {
		msgs = []string{"hello", "framed world"}
	}
	c, err := echo.Dial(ctx, *addr, *timeout)
	if err != nil {
		return err
	}
	defer c.Close()
	for _, m := range msgs {
		rtCtx, cancel := context.WithTimeout(ctx, *timeout)
		reply, err := c.Send(rtCtx, m)
		cancel()
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "sent %q, got %q\n", m, reply)
	}
	return nil
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

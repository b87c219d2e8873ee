// Command echoclient sends each argument as one line to the echo server and
// prints the replies.
//
//	go run ./tcp/echo/cmd/echoclient -addr 127.0.0.1:9000 hello world
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

	"example.com/cloudgo/network/internal/cli"
	"example.com/cloudgo/network/tcp/echo"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("echoclient", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("echoclient", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", cli.Env("TCP_ADDR", "127.0.0.1:9000"), "server address (env TCP_ADDR)")
	timeout := fs.Duration("timeout", 3*time.Second, "dial timeout, and timeout of each round trip")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if *timeout <= 0 {
		return cli.Usagef("-timeout must be positive, got %v", *timeout)
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
		fmt.Fprintf(stdout, "sent %q, got %q\n", m, reply)
	}
	return nil
}

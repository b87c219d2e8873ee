// Command udpclient sends each argument as one UDP datagram, retrying when no
// reply comes back in time.
//
//	go run ./udp/echo/cmd/udpclient -addr 127.0.0.1:9001 hello world
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
	"example.com/cloudgo/network/udp/echo"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("udpclient", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("udpclient", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", cli.Env("UDP_ADDR", "127.0.0.1:9001"), "server address (env UDP_ADDR)")
	attempts := fs.Int("attempts", 3, "datagrams to send before giving up")
	perTry := fs.Duration("timeout", 500*time.Millisecond, "wait for a reply per attempt")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if *attempts < 1 {
		return cli.Usagef("-attempts must be at least 1, got %d", *attempts)
	}
	if *perTry <= 0 {
		return cli.Usagef("-timeout must be positive, got %v", *perTry)
	}
	msgs := fs.Args()
	if len(msgs) == 0 {
		msgs = []string{"hello", "datagram world"}
	}
	for _, m := range msgs {
		res, err := echo.Exchange(ctx, *addr, []byte(m), *attempts, *perTry)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "sent %q, got %q (attempts: %d)\n", m, res.Reply, res.Attempts)
	}
	return nil
}

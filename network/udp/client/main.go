// Command client sends each argument as one UDP datagram, retrying when no
// reply comes back in time.
//
//	go run ./udp/client -addr 127.0.0.1:9001 hello world
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"example.com/cloudgo/network/udp/echo"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "udp-client:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("udp-client", flag.ContinueOnError)
	addr := fs.String("addr", envOr("UDP_ADDR", "127.0.0.1:9001"), "server address (env UDP_ADDR)")
	attempts := fs.Int("attempts", 3, "datagrams to send before giving up")
	perTry := fs.Duration("timeout", 500*time.Millisecond, "wait for a reply per attempt")
	if err := fs.Parse(args); err != nil {
		return err
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
		fmt.Fprintf(out, "sent %q, got %q (attempts: %d)\n", m, res.Reply, res.Attempts)
	}
	return nil
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

// Command recovery publishes n messages with confirms into a durable quorum queue
// and consumes them, on connections that survive a broker restart (see package
// recovery). Restart the broker while it runs
// (`docker compose -f ../compose.yaml restart rabbitmq`) and it still ends with
// every message id consumed.
//
//	go run ./rabbitmq/recovery/cmd/recovery -n 2000 -interval 100ms
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

	"example.com/cloudgo/messaging/internal/amqpconn"
	"example.com/cloudgo/messaging/internal/cli"
	"example.com/cloudgo/messaging/rabbitmq/recovery"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("recovery", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("recovery", flag.ContinueOnError)
	fs.SetOutput(stderr)
	url := fs.String("url", cli.Env("RABBITMQ_URL", amqpconn.DefaultURL), "AMQP URL (env RABBITMQ_URL)")
	queue := fs.String("queue", "recovery", "durable quorum queue (purged first)")
	n := fs.Int("n", 2000, "messages to publish")
	batch := fs.Int("batch", 50, "messages published before waiting for their confirms")
	interval := fs.Duration("interval", 0, "pause between batches, to make the run last long enough for a restart")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	switch {
	case *n < 1:
		return cli.Usagef("-n must be at least 1, got %d", *n)
	case *batch < 1:
		return cli.Usagef("-batch must be at least 1, got %d", *batch)
	case *interval < 0:
		return cli.Usagef("-interval must not be negative, got %v", *interval)
	}
	// Drops are reported on stdout: they are part of what this example shows.
	cons, err := recovery.NewConsumer(*url, *queue, stdout)
	if err != nil {
		return err
	}
	defer cons.Close()
	pub, err := recovery.NewPublisher(*url, *queue, stdout)
	if err != nil {
		return err
	}
	defer pub.Close()
	if err := pub.Purge(); err != nil {
		return err
	}
	if err := cons.Start(ctx); err != nil {
		return err
	}
	if err := pub.Publish(ctx, *n, *batch, *interval, nil); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "published %d messages, all confirmed; %d republished after a lost confirm\n", *n, len(pub.Republished()))
	wctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	seen, dups, err := cons.WaitFor(wctx, *n)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "consumed %d distinct message ids, %d duplicates\n", len(seen), dups)
	return nil
}

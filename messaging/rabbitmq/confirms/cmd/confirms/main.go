// Command confirms times three ways to learn that RabbitMQ has safely taken
// messages (publisher confirms) against each other, publishing into a durable
// quorum queue: one by one, in batches, and asynchronously (see package confirms).
// Each run checks that the queue holds exactly the messages confirmed.
//
//	go run ./rabbitmq/confirms/cmd/confirms -n 2000 -batch 100
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
	"example.com/cloudgo/messaging/rabbitmq/confirms"
	amqp "github.com/rabbitmq/amqp091-go"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("confirms", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("confirms", flag.ContinueOnError)
	fs.SetOutput(stderr)
	url := fs.String("url", cli.Env("RABBITMQ_URL", amqpconn.DefaultURL), "AMQP URL (env RABBITMQ_URL)")
	queue := fs.String("queue", "confirms", "durable quorum queue to publish into (purged first)")
	n := fs.Int("n", 2000, "messages per strategy")
	batch := fs.Int("batch", 100, "batch size, and the in-flight window of the async strategy")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if *n < 1 {
		return cli.Usagef("-n must be at least 1, got %d", *n)
	}
	if *batch < 1 {
		return cli.Usagef("-batch must be at least 1, got %d", *batch)
	}
	conn, err := amqpconn.Dial(*url, amqp.Config{})
	if err != nil {
		return err
	}
	defer conn.Close()
	for _, s := range confirms.Strategies {
		elapsed, err := timeStrategy(ctx, conn, s, *queue, *n, *batch)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%-10s  %d msgs in %.3fs = %.0f msg/s\n",
			s.Name, *n, elapsed.Seconds(), float64(*n)/elapsed.Seconds())
	}
	return nil
}

// timeStrategy empties queue, publishes n messages with s on a fresh channel in
// confirm mode, and checks that the queue then holds exactly n.
func timeStrategy(ctx context.Context, conn *amqp.Connection, s confirms.Strategy, queue string, n, batch int) (time.Duration, error) {
	ch, err := conn.Channel()
	if err != nil {
		return 0, fmt.Errorf("open channel: %w", err)
	}
	defer ch.Close()
	quorum := amqp.Table{amqp.QueueTypeArg: amqp.QueueTypeQuorum}
	if _, err := ch.QueueDeclare(queue, true, false, false, false, quorum); err != nil {
		return 0, fmt.Errorf("declare %q: %w", queue, err)
	}
	if _, err := ch.QueuePurge(queue, false); err != nil {
		return 0, fmt.Errorf("purge %q: %w", queue, err)
	}
	if err := ch.Confirm(false); err != nil {
		return 0, fmt.Errorf("enable confirms: %w", err)
	}
	start := time.Now()
	if err := s.Publish(ctx, ch, queue, n, batch); err != nil {
		return 0, fmt.Errorf("%s: %w", s.Name, err)
	}
	elapsed := time.Since(start)
	q, err := ch.QueueDeclarePassive(queue, true, false, false, false, quorum)
	if err != nil {
		return 0, fmt.Errorf("inspect %q: %w", queue, err)
	}
	if q.Messages != n {
		return 0, fmt.Errorf("%s: %d messages confirmed but %d in %q", s.Name, n, q.Messages, queue)
	}
	return elapsed, nil
}

// Command hello is RabbitMQ's "hello world": one program declares a queue, sends a
// message to it through the default exchange and receives it back.
//
//	go run ./rabbitmq/hello -url amqp://guest:guest@127.0.0.1:5672/   (or RABBITMQ_URL)
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
	amqp "github.com/rabbitmq/amqp091-go"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("hello", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("hello", flag.ContinueOnError)
	fs.SetOutput(stderr)
	url := fs.String("url", cli.Env("RABBITMQ_URL", amqpconn.DefaultURL), "AMQP URL (env RABBITMQ_URL)")
	queue := fs.String("queue", "hello", "queue to send to and receive from (durable)")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	conn, err := amqpconn.Dial(*url, amqp.Config{})
	if err != nil {
		return err
	}
	defer conn.Close()
	// A connection is one TCP socket; channels are cheap sessions multiplexed on it.
	// Almost everything (declare, publish, consume) happens on a channel.
	ch, err := conn.Channel()
	if err != nil {
		return fmt.Errorf("open channel on %s: %w", amqpconn.Host(*url), err)
	}
	defer ch.Close()

	// Declaring is idempotent: sender and receiver both declare the queue, so
	// whichever starts first creates it. Durable: RabbitMQ 4 deprecates transient
	// (non-durable) queues that are not exclusive, which the Python original used.
	q, err := ch.QueueDeclare(*queue, true, false, false, false, nil)
	if err != nil {
		return fmt.Errorf("declare queue %q: %w", *queue, err)
	}

	// The default exchange ("") routes a message to the queue named by its routing key.
	pubCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	body := "Hello World!"
	err = ch.PublishWithContext(pubCtx, "", q.Name, false, false, amqp.Publishing{
		ContentType: "text/plain",
		Body:        []byte(body),
	})
	if err != nil {
		return fmt.Errorf("publish to queue %q: %w", q.Name, err)
	}
	fmt.Fprintf(stdout, " [x] Sent %q\n", body)

	// Consume pushes deliveries to a Go channel. Acking after handling means a
	// crash before the ack gives the message to someone else instead of losing it.
	// (Consume, not ConsumeWithContext: the select below watches ctx, and a consumer
	// cancelled from its context races with ch.Close on return.)
	msgs, err := ch.Consume(q.Name, "", false, false, false, false, nil)
	if err != nil {
		return fmt.Errorf("consume from %q: %w", q.Name, err)
	}
	select {
	case d, ok := <-msgs:
		if !ok {
			return fmt.Errorf("consume from %q: channel closed", q.Name)
		}
		fmt.Fprintf(stdout, " [x] Received %q\n", d.Body)
		if err := d.Ack(false); err != nil {
			return fmt.Errorf("ack: %w", err)
		}
	case <-time.After(10 * time.Second):
		return fmt.Errorf("consume from %q: nothing arrived within 10s", q.Name)
	case <-ctx.Done():
		return ctx.Err()
	}
	return nil
}

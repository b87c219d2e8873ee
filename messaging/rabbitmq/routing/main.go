// Command routing shows a direct exchange: a message goes to every queue bound with
// exactly its routing key. Here the key is a log severity: the "disk" queue keeps
// only errors, the "screen" queue shows info, warning and error. Nobody binds
// "debug", so that message is unroutable; published as mandatory, the broker
// returns it instead of dropping it silently.
//
//	go run ./rabbitmq/routing -exchange direct_logs
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"example.com/cloudgo/messaging/internal/amqpconn"
	"example.com/cloudgo/messaging/internal/cli"
	amqp "github.com/rabbitmq/amqp091-go"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("routing", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// The subscribers and the severities each one binds.
var bindings = []struct {
	name string
	keys []string
}{
	{"disk", []string{"error"}},
	{"screen", []string{"info", "warning", "error"}},
}

var logs = []struct{ severity, text string }{
	{"info", "server started"},
	{"warning", "disk 90% full"},
	{"error", "disk full"},
	{"debug", "cache miss for key 42"},
}

func run(ctx context.Context, args []string, out, stderr io.Writer) error {
	fs := flag.NewFlagSet("routing", flag.ContinueOnError)
	fs.SetOutput(stderr)
	url := fs.String("url", cli.Env("RABBITMQ_URL", amqpconn.DefaultURL), "AMQP URL (env RABBITMQ_URL)")
	exchangeFlag := fs.String("exchange", "direct_logs", "direct exchange to declare and publish to")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	exchange := *exchangeFlag
	conn, err := amqpconn.Dial(*url, amqp.Config{})
	if err != nil {
		return err
	}
	defer conn.Close()
	ch, err := conn.Channel()
	if err != nil {
		return fmt.Errorf("open channel: %w", err)
	}
	defer ch.Close()

	// Auto-delete: the exchange goes away when its last queue is unbound, so the
	// example leaves nothing behind.
	if err := ch.ExchangeDeclare(exchange, amqp.ExchangeDirect, false, true, false, false, nil); err != nil {
		return fmt.Errorf("declare exchange %q: %w", exchange, err)
	}
	queues := make([]string, len(bindings))
	for i, b := range bindings {
		// A server-named, exclusive queue: private to this connection, deleted with it.
		q, err := ch.QueueDeclare("", false, true, true, false, nil)
		if err != nil {
			return fmt.Errorf("declare queue for %s: %w", b.name, err)
		}
		queues[i] = q.Name
		// One binding per key: a direct exchange compares the key for equality.
		for _, key := range b.keys {
			if err := ch.QueueBind(q.Name, key, exchange, false, nil); err != nil {
				return fmt.Errorf("bind %s to %q with %q: %w", b.name, exchange, key, err)
			}
		}
	}

	pub, err := amqpconn.NewPublisher(ch)
	if err != nil {
		return err
	}
	for _, l := range logs {
		err := pub.Publish(ctx, exchange, l.severity, amqp.Publishing{ContentType: "text/plain", Body: []byte(l.text)})
		switch {
		case errors.Is(err, amqpconn.ErrUnroutable):
			fmt.Fprintf(out, "sent [%s] %q: returned, no queue binds %q\n", l.severity, l.text, l.severity)
		case err != nil:
			return err
		default:
			fmt.Fprintf(out, "sent [%s] %q\n", l.severity, l.text)
		}
	}

	for i, b := range bindings {
		got, err := amqpconn.Drain(ch, queues[i])
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "%s %v received %q\n", b.name, b.keys, got)
	}
	return nil
}

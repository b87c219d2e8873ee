// Command topics shows a topic exchange: routing keys are dot-separated words and
// bindings are patterns, where * matches exactly one word and # zero or more. A
// message matching several bindings of one queue still arrives there once.
//
//	go run ./rabbitmq/topics -exchange topic_logs
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
	cli.Exit("topics", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// Keys are <speed>.<colour>.<species>, as in the RabbitMQ tutorial.
var bindings = []struct {
	name     string
	patterns []string
}{
	{"orange", []string{"*.orange.*"}},
	{"rabbits-and-lazy", []string{"*.*.rabbit", "lazy.#"}},
}

var keys = []string{
	"quick.orange.rabbit", "lazy.orange.elephant", "quick.orange.fox", "lazy.brown.fox",
	"lazy.pink.rabbit", "quick.brown.fox", "quick.orange.new.rabbit", "lazy.orange.new.rabbit",
}

func run(ctx context.Context, args []string, out, stderr io.Writer) error {
	fs := flag.NewFlagSet("topics", flag.ContinueOnError)
	fs.SetOutput(stderr)
	url := fs.String("url", cli.Env("RABBITMQ_URL", amqpconn.DefaultURL), "AMQP URL (env RABBITMQ_URL)")
	exchangeFlag := fs.String("exchange", "topic_logs", "topic exchange to declare and publish to")
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

	if err := ch.ExchangeDeclare(exchange, amqp.ExchangeTopic, false, true, false, false, nil); err != nil {
		return fmt.Errorf("declare exchange %q: %w", exchange, err)
	}
	queues := make([]string, len(bindings))
	for i, b := range bindings {
		q, err := ch.QueueDeclare("", false, true, true, false, nil)
		if err != nil {
			return fmt.Errorf("declare queue for %s: %w", b.name, err)
		}
		queues[i] = q.Name
		for _, pattern := range b.patterns {
			if err := ch.QueueBind(q.Name, pattern, exchange, false, nil); err != nil {
				return fmt.Errorf("bind %s to %q with %q: %w", b.name, exchange, pattern, err)
			}
		}
	}

	pub, err := amqpconn.NewPublisher(ch)
	if err != nil {
		return err
	}
	for _, key := range keys {
		err := pub.Publish(ctx, exchange, key, amqp.Publishing{ContentType: "text/plain", Body: []byte(key)})
		if errors.Is(err, amqpconn.ErrUnroutable) {
			fmt.Fprintf(out, "%-24s matched no binding: returned\n", key)
		} else if err != nil {
			return err
		}
	}
	for i, b := range bindings {
		got, err := amqpconn.Drain(ch, queues[i])
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "%s %v received:\n", b.name, b.patterns)
		for _, key := range got {
			fmt.Fprintf(out, "  %s\n", key)
		}
	}
	return nil
}

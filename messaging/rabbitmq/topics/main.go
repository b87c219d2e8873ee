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

	"example.com/cloudgo/messaging/internal/rmq"
	amqp "github.com/rabbitmq/amqp091-go"
)

func main() {
	url := flag.String("url", rmq.URL(), "AMQP URL (env RABBITMQ_URL)")
	exchange := flag.String("exchange", "topic_logs", "topic exchange to declare and publish to")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, *url, *exchange, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "topics:", err)
		os.Exit(1)
	}
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

func run(ctx context.Context, url, exchange string, out io.Writer) error {
	conn, err := rmq.Dial(url, amqp.Config{})
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

	pub, err := rmq.NewPublisher(ch)
	if err != nil {
		return err
	}
	for _, key := range keys {
		err := pub.Publish(ctx, exchange, key, amqp.Publishing{ContentType: "text/plain", Body: []byte(key)})
		if errors.Is(err, rmq.ErrUnroutable) {
			fmt.Fprintf(out, "%-24s matched no binding: returned\n", key)
		} else if err != nil {
			return err
		}
	}
	for i, b := range bindings {
		got, err := rmq.Drain(ch, queues[i])
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

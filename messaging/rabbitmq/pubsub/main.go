// Command pubsub shows publish/subscribe with a fanout exchange: every queue bound
// to it gets its own copy of every message, whatever the routing key. Each
// subscriber owns a temporary queue, so a subscriber that binds late only sees
// what was published after it bound: the exchange stores nothing.
//
//	go run ./rabbitmq/pubsub -exchange logs
package main

import (
	"context"
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
	cli.Exit("pubsub", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, out, stderr io.Writer) error {
	fs := flag.NewFlagSet("pubsub", flag.ContinueOnError)
	fs.SetOutput(stderr)
	url := fs.String("url", cli.Env("RABBITMQ_URL", amqpconn.DefaultURL), "AMQP URL (env RABBITMQ_URL)")
	exchangeFlag := fs.String("exchange", "logs", "fanout exchange to declare and publish to")
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
	if err := ch.ExchangeDeclare(exchange, amqp.ExchangeFanout, false, true, false, false, nil); err != nil {
		return fmt.Errorf("declare exchange %q: %w", exchange, err)
	}
	pub, err := amqpconn.NewPublisher(ch)
	if err != nil {
		return err
	}
	publish := func(body string) error {
		// The routing key is ignored by a fanout exchange.
		return pub.Publish(ctx, exchange, "", amqp.Publishing{ContentType: "text/plain", Body: []byte(body)})
	}
	// subscribe gives a subscriber a server-named, exclusive queue bound to the
	// exchange: private to this connection and deleted with it.
	subscribe := func(name string) (string, error) {
		q, err := ch.QueueDeclare("", false, true, true, false, nil)
		if err == nil {
			err = ch.QueueBind(q.Name, "", exchange, false, nil)
		}
		if err != nil {
			return "", fmt.Errorf("subscribe %s to %q: %w", name, exchange, err)
		}
		return q.Name, nil
	}

	early, err := subscribe("early")
	if err != nil {
		return err
	}
	if err := publish("log 1"); err != nil {
		return err
	}
	late, err := subscribe("late")
	if err != nil {
		return err
	}
	for _, body := range []string{"log 2", "log 3"} {
		if err := publish(body); err != nil {
			return err
		}
	}
	fmt.Fprintln(out, "published log 1, then the late subscriber bound, then log 2 and log 3")
	for _, s := range []struct{ name, queue string }{{"early", early}, {"late", late}} {
		got, err := amqpconn.Drain(ch, s.queue)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "%s subscriber received %q\n", s.name, got)
	}
	return nil
}

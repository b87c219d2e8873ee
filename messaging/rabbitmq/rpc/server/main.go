// Command server is the server half of RPC over RabbitMQ: it takes requests from a
// queue and publishes each answer to the queue named in the request's reply_to,
// with the request's correlation_id copied, so the caller can tell which call it
// answers. It computes Fibonacci numbers. Start it, then the client:
//
//	go run ./rabbitmq/rpc/server                 (until Ctrl-C; -requests N: stop after N)
//	go run ./rabbitmq/rpc/client 1 10 30 ten
//
// Server and client share nothing but the queue's name (-queue, rpc_queue).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"example.com/cloudgo/messaging/internal/amqpconn"
	"example.com/cloudgo/messaging/internal/cli"
	amqp "github.com/rabbitmq/amqp091-go"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("rpc server", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("server", flag.ContinueOnError)
	fs.SetOutput(stderr)
	url := fs.String("url", cli.Env("RABBITMQ_URL", amqpconn.DefaultURL), "AMQP URL (env RABBITMQ_URL)")
	queue := fs.String("queue", "rpc_queue", "queue to take requests from (durable)")
	requests := fs.Int("requests", 0, "stop after answering this many requests (0: until interrupted)")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if *requests < 0 {
		return cli.Usagef("-requests must not be negative, got %d", *requests)
	}
	conn, err := amqpconn.Dial(*url, amqp.Config{})
	if err != nil {
		return err
	}
	defer conn.Close()
	ch, err := conn.Channel()
	if err != nil {
		return fmt.Errorf("open channel on %s: %w", amqpconn.Host(*url), err)
	}
	defer ch.Close()
	// Durable, declared by server and client alike: requests sent before the server
	// starts wait for it. (RabbitMQ 4 deprecates transient non-exclusive queues.)
	if _, err := ch.QueueDeclare(*queue, true, false, false, false, nil); err != nil {
		return fmt.Errorf("declare %q: %w", *queue, err)
	}
	// One request at a time per server: more servers on the same queue share the load.
	if err := ch.Qos(1, 0, false); err != nil {
		return fmt.Errorf("qos: %w", err)
	}
	// Consume, not ConsumeWithContext: cancelling the consumer from its context
	// races with ch.Close on return (amqp091-go serves one call at a time per
	// channel), and closing the channel ends the subscription anyway.
	reqs, err := ch.Consume(*queue, "", false, false, false, false, nil)
	if err != nil {
		return fmt.Errorf("consume %q: %w", *queue, err)
	}
	fmt.Fprintf(stdout, "serving fib on %q\n", *queue)
	for answered := 0; ; {
		var d amqp.Delivery
		var ok bool
		select {
		case d, ok = <-reqs:
		case <-ctx.Done():
			return nil // interrupted: a normal way to stop a server
		}
		if !ok {
			return fmt.Errorf("consume %q: the broker closed the channel", *queue)
		}
		reply := answer(d.Body)
		reply.CorrelationId = d.CorrelationId
		pctx, pcancel := context.WithTimeout(ctx, 5*time.Second)
		// To the default exchange, keyed by the caller's reply queue. If the caller
		// is gone, so is its exclusive queue, and the answer is dropped.
		err := ch.PublishWithContext(pctx, "", d.ReplyTo, false, false, reply)
		pcancel()
		if err != nil {
			return fmt.Errorf("reply to %q: %w", d.ReplyTo, err)
		}
		// Ack after answering: a server that dies before leaves the request to another.
		if err := d.Ack(false); err != nil {
			return fmt.Errorf("ack: %w", err)
		}
		fmt.Fprintf(stdout, "fib(%s): %s\n", d.Body, reply.Body)
		if answered++; answered == *requests {
			return nil
		}
	}
}

// answer computes the reply to a request. Bad input gets an answer too, marked as
// an error: a caller should not have to wait for its timeout to learn that its
// request was wrong.
func answer(request []byte) amqp.Publishing {
	n, err := strconv.Atoi(string(request))
	if err != nil || n < 0 || n > 90 {
		return amqp.Publishing{ContentType: "text/plain", Type: "error",
			Body: fmt.Appendf(nil, "want an integer 0..90, got %q", request)}
	}
	a, b := uint64(0), uint64(1)
	for range n {
		a, b = b, a+b
	}
	return amqp.Publishing{ContentType: "text/plain", Body: strconv.AppendUint(nil, a, 10)}
}

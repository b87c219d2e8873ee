// Command recovery publishes n messages with confirms into a durable quorum queue
// and consumes them, on connections that survive a broker restart. Restart the
// broker while it runs (`docker compose -f ../compose.yaml restart rabbitmq`) and
// it still ends with every message id consumed.
//
// amqp091-go (≥ 1.13) reconnects by itself when amqp.Config.Recovery is set: it
// redials, reopens channels (with confirm mode and Qos), redeclares queues and
// re-subscribes consumers. What stays the application's job:
//
//   - republish what was not confirmed: confirms pending at the drop resolve as
//     not acked, and publishing during the outage fails;
//   - never ack a delivery from before the drop: delivery tags count per channel,
//     so an old tag would name a different message on the new channel. Those
//     messages come again, marked Redelivered;
//   - drain NotifyClose: the library reports every drop there, and gives up on a
//     listener that does not read.
//
// Run it:
//
//	go run ./rabbitmq/recovery -n 2000 -interval 100ms
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

	"example.com/cloudgo/messaging/internal/rmq"
	amqp "github.com/rabbitmq/amqp091-go"
)

func main() {
	url := flag.String("url", rmq.URL(), "AMQP URL (env RABBITMQ_URL)")
	queue := flag.String("queue", "recovery", "durable quorum queue (purged first)")
	n := flag.Int("n", 2000, "messages to publish")
	interval := flag.Duration("interval", 0, "pause between batches, to make the run last long enough for a restart")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, *url, *queue, *n, *interval, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "recovery:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, url, queue string, n int, interval time.Duration, out io.Writer) error {
	cons, err := NewConsumer(url, queue, out)
	if err != nil {
		return err
	}
	defer cons.Close()
	pub, err := NewPublisher(url, queue, out)
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
	if err := pub.Publish(ctx, n, 50, interval, nil); err != nil {
		return err
	}
	fmt.Fprintf(out, "published %d messages, all confirmed; %d republished after a lost confirm\n", n, len(pub.Republished()))
	wctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	seen, dups, err := cons.WaitFor(wctx, n)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "consumed %d distinct message ids, %d duplicates\n", len(seen), dups)
	return nil
}

// dialRecovering dials with automatic recovery: retry every second for a minute.
func dialRecovering(url, who string, out io.Writer) (*amqp.Connection, error) {
	conn, err := rmq.Dial(url, amqp.Config{Recovery: &amqp.Recovery{
		ReconnectionConfig: &amqp.ReconnectionConfig{MaxRetryCount: 60, RetryInterval: time.Second},
	}})
	if err != nil {
		return nil, err
	}
	// Drain NotifyClose for the connection's whole life: with recovery it reports
	// each drop (and is closed only by the final Close).
	closes := conn.NotifyClose(make(chan *amqp.Error, 1))
	go func() {
		for e := range closes {
			fmt.Fprintf(out, "%s: connection lost (%v), recovering\n", who, e)
		}
	}()
	return conn, nil
}

// Command confirms compares three ways to learn that RabbitMQ has safely taken
// messages (publisher confirms), publishing into a durable quorum queue:
//
//   - one by one: publish, wait for its confirm, publish the next. Simple, slow:
//     every message costs a round trip plus the queue's disk write.
//   - in batches: publish a batch, then wait for all its confirms. Far fewer waits;
//     on a nack you only know the batch, so you republish the whole batch.
//   - asynchronously: keep publishing while a listener (NotifyPublish) counts the
//     confirms as they stream back, with a bounded number in flight.
//
// Run it:
//
//	go run ./rabbitmq/confirms -n 2000 -batch 100
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"example.com/cloudgo/messaging/internal/rmq"
	amqp "github.com/rabbitmq/amqp091-go"
)

func main() {
	url := flag.String("url", rmq.URL(), "AMQP URL (env RABBITMQ_URL)")
	queue := flag.String("queue", "confirms", "durable quorum queue to publish into (purged first)")
	n := flag.Int("n", 2000, "messages per strategy")
	batch := flag.Int("batch", 100, "batch size, and the in-flight window of the async strategy")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if _, err := run(ctx, *url, *queue, *n, *batch, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "confirms:", err)
		os.Exit(1)
	}
}

// A strategy publishes n messages to queue on ch (in confirm mode) and returns once
// the broker has confirmed all of them, or with an error.
type strategy struct {
	name    string
	publish func(ctx context.Context, ch *amqp.Channel, queue string, n, batch int) error
}

var strategies = []strategy{
	{"one by one", publishOneByOne},
	{"batched", publishBatched},
	{"async", publishAsync},
}

// run times each strategy and returns the rates in messages per second.
func run(ctx context.Context, url, queue string, n, batch int, out io.Writer) ([]float64, error) {
	conn, err := rmq.Dial(url, amqp.Config{})
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	var rates []float64
	for _, s := range strategies {
		ch, err := conn.Channel()
		if err != nil {
			return nil, fmt.Errorf("open channel: %w", err)
		}
		if _, err := ch.QueueDeclare(queue, true, false, false, false, amqp.Table{amqp.QueueTypeArg: amqp.QueueTypeQuorum}); err != nil {
			return nil, fmt.Errorf("declare %q: %w", queue, err)
		}
		if _, err := ch.QueuePurge(queue, false); err != nil {
			return nil, fmt.Errorf("purge %q: %w", queue, err)
		}
		if err := ch.Confirm(false); err != nil {
			return nil, fmt.Errorf("enable confirms: %w", err)
		}
		start := time.Now()
		if err := s.publish(ctx, ch, queue, n, batch); err != nil {
			return nil, fmt.Errorf("%s: %w", s.name, err)
		}
		elapsed := time.Since(start)
		// Every confirmed message must be in the queue.
		q, err := ch.QueueDeclarePassive(queue, true, false, false, false, amqp.Table{amqp.QueueTypeArg: amqp.QueueTypeQuorum})
		if err != nil {
			return nil, fmt.Errorf("inspect %q: %w", queue, err)
		}
		if q.Messages != n {
			return nil, fmt.Errorf("%s: %d messages confirmed but %d in %q", s.name, n, q.Messages, queue)
		}
		rates = append(rates, float64(n)/elapsed.Seconds())
		fmt.Fprintf(out, "%-10s %6d msgs in %7.3fs = %8.0f msg/s  (%.1f× one by one)\n",
			s.name, n, elapsed.Seconds(), rates[len(rates)-1], rates[len(rates)-1]/rates[0])
		if err := ch.Close(); err != nil {
			return nil, fmt.Errorf("close channel: %w", err)
		}
	}
	return rates, nil
}

func message(i int) amqp.Publishing {
	return amqp.Publishing{DeliveryMode: amqp.Persistent, MessageId: strconv.Itoa(i), Body: fmt.Appendf(nil, "message %d", i)}
}

func publishOneByOne(ctx context.Context, ch *amqp.Channel, queue string, n, _ int) error {
	for i := range n {
		pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		dc, err := ch.PublishWithDeferredConfirmWithContext(pctx, "", queue, false, false, message(i))
		if err == nil {
			var acked bool
			if acked, err = dc.WaitContext(pctx); err == nil && !acked {
				err = errors.New("nacked by the broker")
			}
		}
		cancel()
		if err != nil {
			return fmt.Errorf("message %d: %w", i, err)
		}
	}
	return nil
}

func publishBatched(ctx context.Context, ch *amqp.Channel, queue string, n, batch int) error {
	pending := make([]*amqp.DeferredConfirmation, 0, batch)
	for start := 0; start < n; start += batch {
		pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		pending = pending[:0]
		for i := start; i < min(start+batch, n); i++ {
			dc, err := ch.PublishWithDeferredConfirmWithContext(pctx, "", queue, false, false, message(i))
			if err != nil {
				cancel()
				return fmt.Errorf("message %d: %w", i, err)
			}
			pending = append(pending, dc)
		}
		for _, dc := range pending {
			acked, err := dc.WaitContext(pctx)
			if err == nil && !acked {
				err = errors.New("nacked by the broker: republish the batch")
			}
			if err != nil {
				cancel()
				return fmt.Errorf("batch from message %d: %w", start, err)
			}
		}
		cancel()
	}
	return nil
}

// publishAsync never waits for a particular confirm: a listener goroutine takes
// them as they come (in delivery-tag order, the library re-sequences them) and
// frees a slot of the window for each, so at most window messages are unconfirmed.
func publishAsync(ctx context.Context, ch *amqp.Channel, queue string, n, window int) error {
	// Buffer the listener: the library gives up on a listener that blocks for 5 s.
	confirms := ch.NotifyPublish(make(chan amqp.Confirmation, window))
	slots := make(chan struct{}, window)
	done := make(chan error, 1)
	go func() {
		var nacked []uint64
		for range n {
			c, ok := <-confirms
			if !ok {
				done <- errors.New("channel closed with confirms outstanding")
				return
			}
			<-slots
			if !c.Ack {
				nacked = append(nacked, c.DeliveryTag) // tag i+1 is message i
			}
		}
		if len(nacked) > 0 {
			done <- fmt.Errorf("broker nacked delivery tags %v: republish them", nacked)
		}
		close(done)
	}()
	for i := range n {
		select {
		case slots <- struct{}{}:
		case err := <-done:
			return err
		case <-ctx.Done():
			return ctx.Err()
		}
		pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		err := ch.PublishWithContext(pctx, "", queue, false, false, message(i))
		cancel()
		if err != nil {
			return fmt.Errorf("message %d: %w", i, err)
		}
	}
	select {
	case err := <-done:
		return err
	case <-time.After(30 * time.Second):
		return errors.New("confirms still outstanding after 30s")
	}
}

// Package confirms holds three ways to learn that RabbitMQ has safely taken
// messages (publisher confirms); each publishes n messages into a queue on a
// channel in confirm mode and returns once the broker confirmed all of them:
//
//   - OneByOne: publish, wait for its confirm, publish the next. Simple, slow:
//     every message costs a round trip plus the queue's disk write.
//   - Batched: publish a batch, then wait for all its confirms. Far fewer waits;
//     on a nack you only know the batch, so you republish the whole batch.
//   - Async: keep publishing while a listener (NotifyPublish) counts the
//     confirms as they stream back, with a bounded number in flight.
//
// The program in cmd/confirms times them against each other.
package confirms

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	amqp "github.com/rabbitmq/amqp091-go"
)

// A Strategy publishes n messages to queue on ch (in confirm mode) and returns once
// the broker has confirmed all of them, or with an error. batch is the batch size,
// or the in-flight window of Async; it must be at least 1.
type Strategy struct {
	Name    string
	Publish func(ctx context.Context, ch *amqp.Channel, queue string, n, batch int) error
}

// Strategies lists the three, slowest first.
var Strategies = []Strategy{
	{"one by one", OneByOne},
	{"batched", Batched},
	{"async", Async},
}

// Message is the i-th message the strategies publish (persistent, id i).
func Message(i int) amqp.Publishing {
	return amqp.Publishing{DeliveryMode: amqp.Persistent, MessageId: strconv.Itoa(i), Body: fmt.Appendf(nil, "message %d", i)}
}

// OneByOne waits for each confirm before publishing the next message.
func OneByOne(ctx context.Context, ch *amqp.Channel, queue string, n, _ int) error {
	for i := range n {
		pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		dc, err := ch.PublishWithDeferredConfirmWithContext(pctx, "", queue, false, false, Message(i))
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

// Batched publishes batch messages, then waits for their confirms.
func Batched(ctx context.Context, ch *amqp.Channel, queue string, n, batch int) error {
	if batch < 1 {
		return fmt.Errorf("batch size %d: must be at least 1", batch)
	}
	pending := make([]*amqp.DeferredConfirmation, 0, batch)
	for start := 0; start < n; start += batch {
		pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		pending = pending[:0]
		for i := start; i < min(start+batch, n); i++ {
			dc, err := ch.PublishWithDeferredConfirmWithContext(pctx, "", queue, false, false, Message(i))
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

// Async never waits for a particular confirm: a listener goroutine takes
// them as they come (in delivery-tag order, the library re-sequences them) and
// frees a slot of the window for each, so at most window messages are unconfirmed.
func Async(ctx context.Context, ch *amqp.Channel, queue string, n, window int) error {
	if window < 1 {
		return fmt.Errorf("window %d: must be at least 1", window)
	}
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
		err := ch.PublishWithContext(pctx, "", queue, false, false, Message(i))
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

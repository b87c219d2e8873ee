package amqpconn

import (
	"context"
	"errors"
	"fmt"
	"time"

	amqp "github.com/rabbitmq/amqp091-go"
)

// ErrUnroutable reports a mandatory message that no queue was bound to receive:
// the broker handed it back (basic.return) instead of dropping it silently.
var ErrUnroutable = errors.New("unroutable: no queue is bound for it, the broker returned it")

// Publisher publishes one message at a time and says what became of it: confirmed
// into at least one queue, returned as unroutable, or refused (for example a
// missing exchange, which makes the broker close the channel with 404 NOT_FOUND).
// Plain PublishWithContext reports none of these: it returns as soon as the bytes
// are written.
type Publisher struct {
	ch      *amqp.Channel
	returns chan amqp.Return
	closes  chan *amqp.Error
}

// NewPublisher puts ch into confirm mode and listens for returns and for the
// channel closing. Use the channel for nothing else while publishing.
func NewPublisher(ch *amqp.Channel) (*Publisher, error) {
	if err := ch.Confirm(false); err != nil {
		return nil, fmt.Errorf("enable publisher confirms: %w", err)
	}
	return &Publisher{
		ch:      ch,
		returns: ch.NotifyReturn(make(chan amqp.Return, 1)),
		closes:  ch.NotifyClose(make(chan *amqp.Error, 1)),
	}, nil
}

// Publish sends body to exchange with routing key key, mandatory, and waits for the
// broker's confirm.
func (p *Publisher) Publish(ctx context.Context, exchange, key string, msg amqp.Publishing) error {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	what := fmt.Sprintf("publish to exchange %q with key %q", exchange, key)
	dc, err := p.ch.PublishWithDeferredConfirmWithContext(ctx, exchange, key, true, false, msg)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	acked, err := dc.WaitContext(ctx)
	if err != nil {
		return fmt.Errorf("%s: no confirm: %w", what, err)
	}
	if !acked {
		// A confirm that is not an ack: the broker nacked it, or the channel
		// closed before the ack. The close reason is the useful part.
		select {
		case e := <-p.closes:
			if e != nil {
				return fmt.Errorf("%s: %w", what, e)
			}
		case <-time.After(time.Second):
		}
		return fmt.Errorf("%s: not confirmed by the broker", what)
	}
	// The broker sends basic.return before the confirm of the same message, so a
	// return for it is already here when the ack arrives.
	select {
	case r := <-p.returns:
		return fmt.Errorf("%s: %w (%d %s)", what, ErrUnroutable, r.ReplyCode, r.ReplyText)
	default:
		return nil
	}
}

// Drain takes every message now in queue (basic.get, auto-ack) and returns the
// bodies in queue order. The examples publish with confirms first, so every
// copy is already in its queue; a long-running subscriber would Consume instead.
func Drain(ch *amqp.Channel, queue string) ([]string, error) {
	var bodies []string
	for {
		d, ok, err := ch.Get(queue, true)
		if err != nil {
			return bodies, fmt.Errorf("get from %q: %w", queue, err)
		}
		if !ok {
			return bodies, nil
		}
		bodies = append(bodies, string(d.Body))
	}
}

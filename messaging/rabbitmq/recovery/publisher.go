package recovery

import (
	"context"
	"fmt"
	"io"
	"maps"
	"strconv"
	"sync"
	"time"

	amqp "github.com/rabbitmq/amqp091-go"
)

// Publisher publishes with confirms and republishes whatever was not confirmed.
type Publisher struct {
	conn        *amqp.Connection
	ch          *amqp.Channel
	ended       chan struct{} // closed when the connection is closed for good
	queue       string
	mu          sync.Mutex
	republished map[string]int // message id → extra publishes
}

var quorum = amqp.Table{amqp.QueueTypeArg: amqp.QueueTypeQuorum}

// NewPublisher connects with recovery, opens a channel in confirm mode and declares
// the queue: durable and quorum, because here losing messages is not an option.
func NewPublisher(url, queue string, out io.Writer) (*Publisher, error) {
	conn, err := Dial(url, "publisher", out)
	if err != nil {
		return nil, err
	}
	ch, err := conn.Channel()
	if err == nil {
		_, err = ch.QueueDeclare(queue, true, false, false, false, quorum)
	}
	if err == nil {
		err = ch.Confirm(false)
	}
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("publisher: set up %q: %w", queue, err)
	}
	return &Publisher{conn: conn, ch: ch, queue: queue, republished: map[string]int{},
		ended: conn.NotifyRecoveryCancel(make(chan struct{}))}, nil
}

// Purge empties the queue, so a run starts from nothing.
func (p *Publisher) Purge() error {
	if _, err := p.ch.QueuePurge(p.queue, false); err != nil {
		return fmt.Errorf("purge %q: %w", p.queue, err)
	}
	return nil
}

// Close closes the connection (and ends its recovery).
func (p *Publisher) Close() error { return p.conn.Close() }

// Republished returns the ids published more than once, with the extra count.
func (p *Publisher) Republished() map[string]int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return maps.Clone(p.republished)
}

// Publish sends messages 0..n-1 (message id = the number) in batches, and returns
// once the broker confirmed every one. After each batch it calls progress, if set,
// with the number confirmed so far.
func (p *Publisher) Publish(ctx context.Context, n, batch int, interval time.Duration, progress func(confirmed int)) error {
	if batch < 1 {
		return fmt.Errorf("batch size %d: must be at least 1", batch)
	}
	confirmed := 0
	for start := 0; start < n; start += batch {
		todo := make([]int, 0, batch)
		for i := start; i < min(start+batch, n); i++ {
			todo = append(todo, i)
		}
		for attempt := 0; len(todo) > 0; attempt++ {
			if attempt > 0 {
				// The broker is away: give recovery time, but not beyond the
				// caller's deadline, and not once recovery has given up.
				select {
				case <-ctx.Done():
					return fmt.Errorf("publish message %d: %w", todo[0], ctx.Err())
				case <-p.ended:
					return fmt.Errorf("publish message %d: %w", todo[0], ErrGaveUp)
				case <-time.After(200 * time.Millisecond):
				}
			}
			todo = p.publishBatch(ctx, todo, attempt > 0)
		}
		confirmed = min(start+batch, n)
		if progress != nil {
			progress(confirmed)
		}
		time.Sleep(interval)
	}
	return nil
}

// publishBatch publishes ids and returns those not confirmed: failed to send,
// nacked, or pending when the connection dropped (the library then resolves the
// confirm as not acked). They may or may not have reached the queue, so sending
// them again can duplicate, never lose.
func (p *Publisher) publishBatch(ctx context.Context, ids []int, retry bool) (failed []int) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	type sent struct {
		id int
		dc *amqp.DeferredConfirmation
	}
	var pending []sent
	for _, id := range ids {
		msg := amqp.Publishing{
			DeliveryMode: amqp.Persistent,
			MessageId:    strconv.Itoa(id),
			Body:         fmt.Appendf(nil, "message %d", id),
		}
		if retry {
			p.mu.Lock()
			p.republished[msg.MessageId]++
			p.mu.Unlock()
		}
		dc, err := p.ch.PublishWithDeferredConfirmWithContext(ctx, "", p.queue, false, false, msg)
		if err != nil {
			failed = append(failed, id)
			continue
		}
		pending = append(pending, sent{id, dc})
	}
	for _, s := range pending {
		if acked, err := s.dc.WaitContext(ctx); err != nil || !acked {
			failed = append(failed, s.id)
		}
	}
	return failed
}

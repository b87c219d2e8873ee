package recovery

import (
	"context"
	"fmt"
	"io"
	"maps"
	"sync"
	"sync/atomic"

	amqp "github.com/rabbitmq/amqp091-go"
)

// Consumer consumes with manual acks on a recovering connection and records every
// message id it sees, with how often and whether the broker marked it redelivered.
type Consumer struct {
	conn  *amqp.Connection
	ch    *amqp.Channel
	queue string
	drops atomic.Int64  // connection or channel losses so far
	ended chan struct{} // closed when the connection is closed for good

	mu          sync.Mutex
	seen        map[string]int  // message id → deliveries
	redelivered map[string]bool // ids that came at least once with Redelivered set
	changed     chan struct{}   // closed and replaced on every delivery
}

// NewConsumer connects with recovery and declares the queue (idempotent).
func NewConsumer(url, queue string, out io.Writer) (*Consumer, error) {
	conn, err := Dial(url, "consumer", out)
	if err != nil {
		return nil, err
	}
	c := &Consumer{conn: conn, queue: queue, seen: map[string]int{}, redelivered: map[string]bool{}, changed: make(chan struct{}),
		ended: conn.NotifyRecoveryCancel(make(chan struct{}))}
	// Count drops as they happen (this listener is drained too).
	connCloses := conn.NotifyClose(make(chan *amqp.Error, 1))
	go func() {
		for range connCloses {
			c.drops.Add(1)
		}
	}()
	c.ch, err = conn.Channel()
	if err == nil {
		_, err = c.ch.QueueDeclare(queue, true, false, false, false, quorum)
	}
	if err == nil {
		// Prefetch bounds how many deliveries are in flight, hence how many come
		// again after a drop.
		err = c.ch.Qos(50, 0, false)
	}
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("consumer: set up %q: %w", queue, err)
	}
	chCloses := c.ch.NotifyClose(make(chan *amqp.Error, 1))
	go func() {
		for range chCloses {
			c.drops.Add(1)
		}
	}()
	return c, nil
}

// Close closes the connection (and ends its recovery).
func (c *Consumer) Close() error { return c.conn.Close() }

// Start subscribes and handles deliveries in the background until ctx ends.
func (c *Consumer) Start(ctx context.Context) error {
	msgs, err := c.ch.ConsumeWithContext(ctx, c.queue, "", false, false, false, false, nil)
	if err != nil {
		return fmt.Errorf("consume %q: %w", c.queue, err)
	}
	go func() {
		// Deliveries of one channel session carry tags 1, 2, 3 …; a recovered
		// session starts again at 1. Deliveries still buffered from the old session
		// keep their old, higher tags and arrive first: those must not be acked,
		// because their tags now name other messages. The broker requeued them at
		// the drop; they come again, marked Redelivered.
		var lastTag uint64
		seenDrops := c.drops.Load()
		for d := range msgs {
			fresh := true
			if drops := c.drops.Load(); drops != seenDrops {
				if d.DeliveryTag <= lastTag || lastTag == 0 { // first of the new session
					seenDrops = drops
				} else {
					fresh = false
				}
			}
			lastTag = d.DeliveryTag
			c.record(d)
			// Ack after handling; skip it if a drop happened meanwhile.
			if fresh && c.drops.Load() == seenDrops {
				_ = d.Ack(false) // a failed ack only means the message comes again
			}
		}
	}()
	return nil
}

func (c *Consumer) record(d amqp.Delivery) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.seen[d.MessageId]++
	if d.Redelivered {
		c.redelivered[d.MessageId] = true
	}
	close(c.changed)
	c.changed = make(chan struct{})
}

// WaitFor waits until n distinct ids were consumed and returns the delivery count
// per id, and how many deliveries were duplicates.
func (c *Consumer) WaitFor(ctx context.Context, n int) (seen map[string]int, dups int, err error) {
	for {
		c.mu.Lock()
		got, changed := len(c.seen), c.changed
		c.mu.Unlock()
		if got >= n {
			seen, dups := c.Seen()
			return seen, dups, nil
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return nil, 0, fmt.Errorf("consumed %d of %d distinct ids: %w", got, n, ctx.Err())
		case <-c.ended:
			return nil, 0, fmt.Errorf("consumed %d of %d distinct ids: %w", got, n, ErrGaveUp)
		}
	}
}

// Seen returns the deliveries per message id so far, and the duplicate count.
func (c *Consumer) Seen() (map[string]int, int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	dups := 0
	for _, k := range c.seen {
		dups += k - 1
	}
	return maps.Clone(c.seen), dups
}

// Redelivered returns the ids that came at least once marked as redelivered.
func (c *Consumer) Redelivered() map[string]bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return maps.Clone(c.redelivered)
}

// Package rpc is the client half of RPC over RabbitMQ (the program is ./client,
// the server ./server): each request carries two properties, reply_to (a private
// queue for the answers) and correlation_id (a unique id the server copies into its
// answer). One reply queue then serves many concurrent calls: the Client hands each
// answer to the call waiting for its id and drops answers nobody waits for (late
// ones, after a timeout).
package rpc

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	amqp "github.com/rabbitmq/amqp091-go"
)

// Client calls the server; it is safe for concurrent use.
type Client struct {
	queue, replyTo string
	ttl            string     // request expiry: unanswered requests do not pile up
	mu             sync.Mutex // guards ch for publishing, and pending
	ch             *amqp.Channel
	pending        map[string]chan amqp.Delivery
}

// NewClient declares the request queue (as the server does, so requests wait for
// a server that starts later) and the client's private reply queue, and starts
// matching replies to calls. Requests expire after timeout.
func NewClient(conn *amqp.Connection, queue string, timeout time.Duration) (*Client, error) {
	ch, err := conn.Channel()
	if err != nil {
		return nil, fmt.Errorf("open channel: %w", err)
	}
	if _, err := ch.QueueDeclare(queue, true, false, false, false, nil); err != nil {
		return nil, fmt.Errorf("declare %q: %w", queue, err)
	}
	// Exclusive and server-named: only this connection reads it; it dies with it.
	q, err := ch.QueueDeclare("", false, true, true, false, nil)
	if err != nil {
		return nil, fmt.Errorf("declare reply queue: %w", err)
	}
	replies, err := ch.Consume(q.Name, "", true, true, false, false, nil)
	if err != nil {
		return nil, fmt.Errorf("consume replies: %w", err)
	}
	c := &Client{queue: queue, replyTo: q.Name, ch: ch, pending: map[string]chan amqp.Delivery{},
		ttl: strconv.FormatInt(timeout.Milliseconds(), 10)}
	go func() {
		for d := range replies {
			c.mu.Lock()
			waiting, ok := c.pending[d.CorrelationId]
			delete(c.pending, d.CorrelationId)
			c.mu.Unlock()
			if ok { // unknown ids: a reply to a call that gave up already
				waiting <- d
			}
		}
	}()
	return c, nil
}

// ErrRemote is a request the server refused (an answer of type "error").
var ErrRemote = errors.New("server refused the request")

// Call sends request and waits for its reply, or for ctx to end.
func (c *Client) Call(ctx context.Context, request string) (string, error) {
	answer := make(chan amqp.Delivery, 1)
	id := rand.Text() // unique: 26 random characters
	c.mu.Lock()
	c.pending[id] = answer
	err := c.ch.PublishWithContext(ctx, "", c.queue, false, false, amqp.Publishing{
		ContentType: "text/plain", CorrelationId: id, ReplyTo: c.replyTo, Expiration: c.ttl, Body: []byte(request),
	})
	c.mu.Unlock()
	defer func() { c.mu.Lock(); delete(c.pending, id); c.mu.Unlock() }()
	if err != nil {
		return "", fmt.Errorf("send request to %q: %w", c.queue, err)
	}
	select {
	case d := <-answer:
		if d.Type == "error" {
			return "", fmt.Errorf("%w: %s", ErrRemote, d.Body)
		}
		return string(d.Body), nil
	case <-ctx.Done():
		return "", fmt.Errorf("wait for the reply from %q: %w", c.queue, ctx.Err())
	}
}

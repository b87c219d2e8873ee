// Command rpc does request/reply over RabbitMQ. The client sends each request with
// two properties: reply_to, a private queue for the answers, and correlation_id, a
// unique id the server copies into its reply. One reply queue then serves many
// concurrent calls: the client matches each answer to its call by that id and
// ignores answers it is not waiting for (late ones, after a timeout).
//
//	go run ./rabbitmq/rpc -queue rpc_queue 10 20 30
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
	"sync"
	"syscall"
	"time"

	"example.com/cloudgo/messaging/internal/rmq"
	amqp "github.com/rabbitmq/amqp091-go"
)

func main() {
	url := flag.String("url", rmq.URL(), "AMQP URL (env RABBITMQ_URL)")
	queue := flag.String("queue", "rpc_queue", "queue the server takes requests from")
	flag.Parse()
	args := flag.Args()
	if len(args) == 0 {
		args = []string{"1", "10", "20", "30"}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, *url, *queue, args, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "rpc:", err)
		os.Exit(1)
	}
}

// run starts a server, then calls it once per argument, all calls at once, and
// prints the answers in argument order.
func run(ctx context.Context, url, queue string, args []string, out io.Writer) error {
	conn, err := rmq.Dial(url, amqp.Config{})
	if err != nil {
		return err
	}
	defer conn.Close()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	served := make(chan error, 1)
	ready := make(chan struct{})
	go func() { served <- Serve(ctx, conn, queue, ready) }()
	select {
	case <-ready:
	case err := <-served:
		return err
	}

	client, err := NewClient(conn, queue)
	if err != nil {
		return err
	}
	answers := make([]string, len(args))
	var wg sync.WaitGroup
	for i, arg := range args {
		wg.Go(func() {
			cctx, ccancel := context.WithTimeout(ctx, 10*time.Second)
			defer ccancel()
			reply, err := client.Call(cctx, arg)
			if err != nil {
				answers[i] = fmt.Sprintf("fib(%s): %v", arg, err)
				return
			}
			answers[i] = fmt.Sprintf("fib(%s) = %s", arg, reply)
		})
	}
	wg.Wait()
	for _, a := range answers {
		fmt.Fprintln(out, a)
	}
	return nil
}

// Serve answers requests from queue until ctx ends. It closes ready once it consumes.
func Serve(ctx context.Context, conn *amqp.Connection, queue string, ready chan<- struct{}) error {
	ch, err := conn.Channel()
	if err != nil {
		return fmt.Errorf("server: open channel: %w", err)
	}
	defer ch.Close()
	if _, err := ch.QueueDeclare(queue, false, true, false, false, nil); err != nil {
		return fmt.Errorf("server: declare %q: %w", queue, err)
	}
	// One request at a time per server: more servers on the same queue share the load.
	if err := ch.Qos(1, 0, false); err != nil {
		return fmt.Errorf("server: qos: %w", err)
	}
	reqs, err := ch.ConsumeWithContext(ctx, queue, "", false, false, false, false, nil)
	if err != nil {
		return fmt.Errorf("server: consume %q: %w", queue, err)
	}
	close(ready)
	for d := range reqs {
		reply := amqp.Publishing{ContentType: "text/plain", CorrelationId: d.CorrelationId}
		if n, err := strconv.Atoi(string(d.Body)); err != nil || n < 0 || n > 90 {
			// Bad input gets an answer too, marked as an error: a caller should not
			// have to wait for its timeout to learn that its request was wrong.
			reply.Type, reply.Body = "error", fmt.Appendf(nil, "want an integer 0..90, got %q", d.Body)
		} else {
			reply.Body = strconv.AppendUint(nil, fib(n), 10)
		}
		pctx, pcancel := context.WithTimeout(ctx, 5*time.Second)
		err := ch.PublishWithContext(pctx, "", d.ReplyTo, false, false, reply)
		pcancel()
		if err != nil {
			return fmt.Errorf("server: reply to %q: %w", d.ReplyTo, err)
		}
		if err := d.Ack(false); err != nil {
			return fmt.Errorf("server: ack: %w", err)
		}
	}
	return nil
}

func fib(n int) uint64 {
	a, b := uint64(0), uint64(1)
	for range n {
		a, b = b, a+b
	}
	return a
}

// Client calls the server; it is safe for concurrent use.
type Client struct {
	queue, replyTo string
	mu             sync.Mutex // guards ch for publishing, pending and next
	ch             *amqp.Channel
	pending        map[string]chan amqp.Delivery
	next           int
}

// NewClient declares the client's private reply queue and starts matching replies.
func NewClient(conn *amqp.Connection, queue string) (*Client, error) {
	ch, err := conn.Channel()
	if err != nil {
		return nil, fmt.Errorf("client: open channel: %w", err)
	}
	// Exclusive and server-named: only this connection reads it; it dies with it.
	q, err := ch.QueueDeclare("", false, true, true, false, nil)
	if err != nil {
		return nil, fmt.Errorf("client: declare reply queue: %w", err)
	}
	replies, err := ch.Consume(q.Name, "", true, true, false, false, nil)
	if err != nil {
		return nil, fmt.Errorf("client: consume replies: %w", err)
	}
	c := &Client{queue: queue, replyTo: q.Name, ch: ch, pending: map[string]chan amqp.Delivery{}}
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

// ErrRemote is a request the server refused.
var ErrRemote = errors.New("server refused the request")

// Call sends request and waits for its reply, or for ctx to end.
func (c *Client) Call(ctx context.Context, request string) (string, error) {
	answer := make(chan amqp.Delivery, 1)
	c.mu.Lock()
	c.next++
	id := fmt.Sprintf("%s-%d", c.replyTo, c.next)
	c.pending[id] = answer
	err := c.ch.PublishWithContext(ctx, "", c.queue, false, false, amqp.Publishing{
		ContentType:   "text/plain",
		CorrelationId: id,
		ReplyTo:       c.replyTo,
		Body:          []byte(request),
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

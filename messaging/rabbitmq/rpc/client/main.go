// Command client is the client half of RPC over RabbitMQ: it sends each request
// with two properties, reply_to (a private queue for the answers) and
// correlation_id (a unique id the server copies into its answer). One reply queue
// then serves many concurrent calls: the client hands each answer to the call
// waiting for its id and drops answers nobody waits for (late ones, after a
// timeout). Start the server first (see ../server):
//
//	go run ./rabbitmq/rpc/client -queue rpc_queue 1 10 30 ten
package main

import (
	"context"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"example.com/cloudgo/messaging/internal/amqpconn"
	"example.com/cloudgo/messaging/internal/cli"
	amqp "github.com/rabbitmq/amqp091-go"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("rpc client", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run calls the server once per argument, all calls at once, and prints the
// answers in argument order. It fails when no call got an answer.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("client", flag.ContinueOnError)
	fs.SetOutput(stderr)
	url := fs.String("url", cli.Env("RABBITMQ_URL", amqpconn.DefaultURL), "AMQP URL (env RABBITMQ_URL)")
	queue := fs.String("queue", "rpc_queue", "the server's request queue")
	timeout := fs.Duration("timeout", 10*time.Second, "how long each call waits for its answer")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if *timeout <= 0 {
		return cli.Usagef("-timeout must be positive, got %v", *timeout)
	}
	calls := fs.Args()
	if len(calls) == 0 {
		calls = []string{"1", "10", "20", "30"}
	}
	conn, err := amqpconn.Dial(*url, amqp.Config{})
	if err != nil {
		return err
	}
	defer conn.Close()
	c, err := newClient(conn, *queue, *timeout)
	if err != nil {
		return err
	}
	answers := make([]string, len(calls))
	var failed atomic.Int64
	var wg sync.WaitGroup
	for i, arg := range calls {
		wg.Go(func() {
			cctx, cancel := context.WithTimeout(ctx, *timeout)
			defer cancel()
			reply, err := c.call(cctx, arg)
			answers[i] = fmt.Sprintf("fib(%s) = %s", arg, reply)
			if err != nil {
				answers[i] = fmt.Sprintf("fib(%s): %v", arg, err)
			}
			if err != nil && !errors.Is(err, errRemote) { // a refusal is an answer
				failed.Add(1)
			}
		})
	}
	wg.Wait()
	for _, a := range answers {
		fmt.Fprintln(stdout, a)
	}
	if failed := failed.Load(); failed == int64(len(calls)) {
		return fmt.Errorf("no answer to any of %d calls on %q at %s: is the server running?", failed, *queue, amqpconn.Host(*url))
	}
	return nil
}

// client calls the server; it is safe for concurrent use.
type client struct {
	queue, replyTo string
	ttl            string     // request expiry: unanswered requests do not pile up
	mu             sync.Mutex // guards ch for publishing, and pending
	ch             *amqp.Channel
	pending        map[string]chan amqp.Delivery
}

// newClient declares the request queue (as the server does, so requests wait for
// a server that starts later) and the client's private reply queue, and starts
// matching replies to calls.
func newClient(conn *amqp.Connection, queue string, timeout time.Duration) (*client, error) {
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
	c := &client{queue: queue, replyTo: q.Name, ch: ch, pending: map[string]chan amqp.Delivery{},
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

// errRemote is a request the server refused.
var errRemote = errors.New("server refused the request")

// call sends request and waits for its reply, or for ctx to end.
func (c *client) call(ctx context.Context, request string) (string, error) {
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
			return "", fmt.Errorf("%w: %s", errRemote, d.Body)
		}
		return string(d.Body), nil
	case <-ctx.Done():
		return "", fmt.Errorf("wait for the reply from %q: %w", c.queue, ctx.Err())
	}
}

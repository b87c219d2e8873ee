package main

import (
	"context"
	"errors"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/rabbitmqtest"
	"example.com/cloudgo/messaging/internal/amqpconn"
	"example.com/cloudgo/messaging/internal/amqptest"
	"example.com/cloudgo/messaging/internal/cli"
	amqp "github.com/rabbitmq/amqp091-go"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

// fakeServer answers requests on queue the way the rpc server does, with "=" and
// the request for an answer, and "error" for "bad", until ctx ends.
func fakeServer(t *testing.T, ctx context.Context, url, queue string) {
	t.Helper()
	conn, err := amqpconn.Dial(url, amqp.Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	ch, err := conn.Channel()
	if err == nil {
		_, err = ch.QueueDeclare(queue, true, false, false, false, nil)
	}
	var reqs <-chan amqp.Delivery
	if err == nil {
		reqs, err = ch.ConsumeWithContext(ctx, queue, "", true, false, false, false, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		for d := range reqs {
			reply := amqp.Publishing{CorrelationId: d.CorrelationId, Body: append([]byte("="), d.Body...)}
			if string(d.Body) == "bad" {
				reply.Type = "error"
			}
			_ = ch.PublishWithContext(ctx, "", d.ReplyTo, false, false, reply)
		}
	}()
}

func TestRun(t *testing.T) {
	url := rabbitmqtest.URL(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	queue := kit.Name(t, "rpc", "-", 0)
	amqptest.DeleteQueues(t, url, queue)
	fakeServer(t, ctx, url, queue)
	var out strings.Builder
	if err := run(ctx, []string{"-url", url, "-queue", queue, "1", "bad", "30"}, &out, &out); err != nil {
		t.Fatal(err)
	}
	want := "fib(1) = =1\nfib(bad): server refused the request: =bad\nfib(30) = =30\n"
	if got := out.String(); got != want {
		t.Errorf("output differs\n got:\n%s\nwant:\n%s", got, want)
	}
}

// TestNoAnswerIsAnError (issue 13.14): when every call fails, the client says so
// and exits 1, instead of printing the failures and exiting 0.
func TestNoAnswerIsAnError(t *testing.T) {
	url := rabbitmqtest.URL(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	queue := kit.Name(t, "nobody", "-", 0)
	amqptest.DeleteQueues(t, url, queue)
	var out strings.Builder
	err := run(ctx, []string{"-url", url, "-queue", queue, "-timeout", "300ms", "5", "6"}, &out, &out)
	if cli.Code(err) != 1 || !strings.Contains(err.Error(), "no answer to any of 2 calls") {
		t.Fatalf("want an error for no answers, got %v", err)
	}
	if !strings.Contains(out.String(), "fib(5): wait for the reply") {
		t.Errorf("output:\n%s", out.String())
	}
}

// TestAnswersMatchRequests: 100 concurrent calls through one reply queue, with a
// stray reply in between, each get the answer to their own request.
func TestAnswersMatchRequests(t *testing.T) {
	url := rabbitmqtest.URL(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	queue := kit.Name(t, "rpc", "-", 0)
	amqptest.DeleteQueues(t, url, queue)
	fakeServer(t, ctx, url, queue)
	conn, err := amqpconn.Dial(url, amqp.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	c, err := newClient(conn, queue, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	// A reply nobody waits for (say, to a call that timed out) must be dropped,
	// not handed to the next caller.
	stray, err := conn.Channel()
	if err != nil {
		t.Fatal(err)
	}
	err = stray.PublishWithContext(ctx, "", c.replyTo, false, false,
		amqp.Publishing{CorrelationId: "nobody-waits-for-this", Body: []byte("999")})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := range 100 {
		wg.Go(func() {
			got, err := c.call(ctx, strconv.Itoa(i))
			if want := "=" + strconv.Itoa(i); err != nil || got != want {
				t.Errorf("call %d: got %q, %v; want %s", i, got, err, want)
			}
		})
	}
	wg.Wait()
	if _, err := c.call(ctx, "bad"); !errors.Is(err, errRemote) {
		t.Errorf("want errRemote for a refused request, got %v", err)
	}
}

// TestBadFlags (issue 13.15): a bad flag or flag value is a usage error (exit
// status 2) with a message, never a panic, a hang or a broker call (the address
// here is unreachable, which would be exit status 1).
func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"-timeout", "0s"},
		{"-timeout", "-1s"},
		{"-no-such-flag"},
	} {
		var stderr strings.Builder
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		err := run(ctx, append([]string{"-url", "amqp://guest:guest@127.0.0.1:1/"}, args...), io.Discard, &stderr)
		cancel()
		if cli.Code(err) != 2 || err.Error() == "" {
			t.Errorf("%q: got %v (exit %d), want a usage error (exit 2)", args, err, cli.Code(err))
		}
	}
}

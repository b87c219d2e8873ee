package main

import (
	"context"
	"errors"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"example.com/cloudgo/messaging/internal/rmq"
	"example.com/cloudgo/messaging/internal/testenv"
	amqp "github.com/rabbitmq/amqp091-go"
)

func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }

func TestRun(t *testing.T) {
	if testing.Short() {
		t.Skip("needs RabbitMQ (a container); run without -short")
	}
	url := testenv.RabbitMQ(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var out strings.Builder
	if err := run(ctx, url, testenv.Name(t, "rpc"), []string{"1", "10", "30", "ten"}, &out); err != nil {
		t.Fatal(err)
	}
	want := `fib(1) = 1
fib(10) = 55
fib(30) = 832040
fib(ten): server refused the request: want an integer 0..90, got "ten"
`
	if got := out.String(); got != want {
		t.Errorf("output differs\n got:\n%s\nwant:\n%s", got, want)
	}
}

// TestAnswersMatchRequests: 100 concurrent calls through one reply queue, with a
// stray reply in between, each get the answer to their own request.
func TestAnswersMatchRequests(t *testing.T) {
	if testing.Short() {
		t.Skip("needs RabbitMQ (a container); run without -short")
	}
	url := testenv.RabbitMQ(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := rmq.Dial(url, amqp.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	queue := testenv.Name(t, "rpc")
	ready := make(chan struct{})
	go Serve(ctx, conn, queue, ready) //nolint:errcheck // ends with ctx
	<-ready
	client, err := NewClient(conn, queue)
	if err != nil {
		t.Fatal(err)
	}
	// A reply nobody waits for (say, to a call that timed out) must be dropped,
	// not handed to the next caller.
	stray, err := conn.Channel()
	if err != nil {
		t.Fatal(err)
	}
	err = stray.PublishWithContext(ctx, "", client.replyTo, false, false,
		amqp.Publishing{CorrelationId: "nobody-waits-for-this", Body: []byte("999")})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := range 100 {
		n := i % 91
		wg.Go(func() {
			got, err := client.Call(ctx, strconv.Itoa(n))
			if want := strconv.FormatUint(fib(n), 10); err != nil || got != want {
				t.Errorf("fib(%d): got %q, %v; want %s", n, got, err, want)
			}
		})
	}
	wg.Wait()
}

// TestNoServer: a call nobody answers ends with the caller's deadline, named.
func TestNoServer(t *testing.T) {
	if testing.Short() {
		t.Skip("needs RabbitMQ (a container); run without -short")
	}
	url := testenv.RabbitMQ(t)
	conn, err := rmq.Dial(url, amqp.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	client, err := NewClient(conn, testenv.Name(t, "nobody"))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	_, err = client.Call(ctx, "5")
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "wait for the reply") {
		t.Errorf("want a deadline error while waiting for the reply, got %v", err)
	}
}

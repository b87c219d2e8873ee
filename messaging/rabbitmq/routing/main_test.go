package main

import (
	"context"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/rabbitmqtest"
	"example.com/cloudgo/messaging/internal/amqpconn"
	"example.com/cloudgo/messaging/internal/cli"
	amqp "github.com/rabbitmq/amqp091-go"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

// TestRun: each severity reaches exactly the queues bound with it, and the
// unbound one comes back to the publisher rather than vanishing.
func TestRun(t *testing.T) {
	url := rabbitmqtest.URL(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var out strings.Builder
	if err := run(ctx, []string{"-url", url, "-exchange", kit.Name(t, "x", "-", 0)}, &out, &out); err != nil {
		t.Fatal(err)
	}
	want := `sent [info] "server started"
sent [warning] "disk 90% full"
sent [error] "disk full"
sent [debug] "cache miss for key 42": returned, no queue binds "debug"
disk [error] received ["disk full"]
screen [info warning error] received ["server started" "disk 90% full" "disk full"]
`
	if got := out.String(); got != want {
		t.Errorf("output differs\n got:\n%s\nwant:\n%s", got, want)
	}
}

// TestMissingExchange: publishing to an exchange that does not exist is not a
// silent no-op. The broker closes the channel with 404 NOT_FOUND; waiting for the
// confirm turns that into an error naming the exchange.
func TestMissingExchange(t *testing.T) {
	url := rabbitmqtest.URL(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := amqpconn.Dial(url, amqp.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	ch, err := conn.Channel()
	if err != nil {
		t.Fatal(err)
	}
	pub, err := amqpconn.NewPublisher(ch)
	if err != nil {
		t.Fatal(err)
	}
	missing := kit.Name(t, "missing", "-", 0)
	err = pub.Publish(ctx, missing, "key", amqp.Publishing{Body: []byte("lost?")})
	if err == nil {
		t.Fatal("publishing to a missing exchange succeeded")
	}
	var ae *amqp.Error
	if !errors.As(err, &ae) || ae.Code != amqp.NotFound {
		t.Errorf("want a 404 NOT_FOUND *amqp.Error, got %v", err)
	}
	if !strings.Contains(err.Error(), `publish to exchange "`+missing+`"`) {
		t.Errorf("the error should name the exchange: %v", err)
	}
}

// TestBadFlags (issue 13.15): a bad flag or flag value is a usage error (exit
// status 2) with a message, never a panic, a hang or a broker call (the address
// here is unreachable, which would be exit status 1).
func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{
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

package main

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/messaging/internal/rmq"
	"example.com/cloudgo/messaging/internal/testenv"
	amqp "github.com/rabbitmq/amqp091-go"
)

func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }

// TestRun: each severity reaches exactly the queues bound with it, and the
// unbound one comes back to the publisher rather than vanishing.
func TestRun(t *testing.T) {
	if testing.Short() {
		t.Skip("needs RabbitMQ (a container); run without -short")
	}
	url := testenv.RabbitMQ(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var out strings.Builder
	if err := run(ctx, url, testenv.Name(t, "x"), &out); err != nil {
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
	ch, err := conn.Channel()
	if err != nil {
		t.Fatal(err)
	}
	pub, err := rmq.NewPublisher(ch)
	if err != nil {
		t.Fatal(err)
	}
	missing := testenv.Name(t, "missing")
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

package main

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/messaging/internal/rmq"
	"example.com/cloudgo/messaging/internal/testenv"
	amqp "github.com/rabbitmq/amqp091-go"
)

func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }

// TestRun: each strategy gets every message confirmed and into the queue (run
// checks the queue's count), and batching beats waiting for each confirm.
func TestRun(t *testing.T) {
	if testing.Short() {
		t.Skip("needs RabbitMQ (a container); run without -short")
	}
	url := testenv.RabbitMQ(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var out strings.Builder
	rates, err := run(ctx, url, testenv.Name(t, "q"), 300, 50, &out)
	if err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + out.String())
	if len(rates) != 3 {
		t.Fatalf("got %d rates, want 3", len(rates))
	}
	// Only a loose bound: the machine is shared, and what matters is the order
	// of magnitude a round trip per message costs.
	if rates[1] < rates[0] || rates[2] < rates[0] {
		t.Errorf("batched (%.0f/s) and async (%.0f/s) should beat one by one (%.0f/s)", rates[1], rates[2], rates[0])
	}
}

// BenchmarkConfirms: ns/op is the time per message for each strategy.
func BenchmarkConfirms(b *testing.B) {
	url := testenv.RabbitMQ(b)
	conn, err := rmq.Dial(url, amqp.Config{})
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close()
	for _, s := range strategies {
		b.Run(strings.ReplaceAll(s.name, " ", "-"), func(b *testing.B) {
			ch, err := conn.Channel()
			if err != nil {
				b.Fatal(err)
			}
			defer ch.Close()
			queue := testenv.Name(b, "q")
			args := amqp.Table{amqp.QueueTypeArg: amqp.QueueTypeQuorum}
			if _, err := ch.QueueDeclare(queue, true, false, false, false, args); err != nil {
				b.Fatal(err)
			}
			defer ch.QueueDelete(queue, false, false, false) //nolint:errcheck
			if err := ch.Confirm(false); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			if err := s.publish(context.Background(), ch, queue, b.N, 100); err != nil {
				b.Fatal(err)
			}
		})
	}
}

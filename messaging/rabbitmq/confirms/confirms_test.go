package confirms_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/rabbitmqtest"
	"example.com/cloudgo/messaging/internal/amqpconn"
	"example.com/cloudgo/messaging/internal/amqptest"
	"example.com/cloudgo/messaging/rabbitmq/confirms"
	amqp "github.com/rabbitmq/amqp091-go"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

// TestStrategies: each strategy returns once every message is confirmed, and the
// queue then holds exactly those messages (the batch size need not divide n).
func TestStrategies(t *testing.T) {
	url := rabbitmqtest.URL(t)
	conn, err := amqpconn.Dial(url, amqp.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, s := range confirms.Strategies {
		t.Run(strings.ReplaceAll(s.Name, " ", "-"), func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			ch, err := conn.Channel()
			if err != nil {
				t.Fatal(err)
			}
			defer ch.Close()
			queue := kit.Name(t, "q", "-", 0)
			amqptest.DeleteQueues(t, url, queue)
			args := amqp.Table{amqp.QueueTypeArg: amqp.QueueTypeQuorum}
			if _, err := ch.QueueDeclare(queue, true, false, false, false, args); err != nil {
				t.Fatal(err)
			}
			if err := ch.Confirm(false); err != nil {
				t.Fatal(err)
			}
			if err := s.Publish(ctx, ch, queue, 120, 50); err != nil {
				t.Fatal(err)
			}
			q, err := ch.QueueDeclarePassive(queue, true, false, false, false, args)
			if err != nil || q.Messages != 120 {
				t.Errorf("queue holds %d messages (%v), want the 120 confirmed", q.Messages, err)
			}
		})
	}
}

// TestBadBatch (issue 13.15): a batch or window below 1 is an error, not an
// endless loop (0) or a panic (-1), also for callers other than the program.
func TestBadBatch(t *testing.T) {
	for _, s := range confirms.Strategies[1:] {
		for _, batch := range []int{0, -1} {
			if err := s.Publish(context.Background(), nil, "q", 10, batch); err == nil {
				t.Errorf("%s with batch %d: no error", s.Name, batch)
			}
		}
	}
}

// BenchmarkConfirms: ns/op is the time per message for each strategy.
func BenchmarkConfirms(b *testing.B) {
	url := rabbitmqtest.URL(b)
	conn, err := amqpconn.Dial(url, amqp.Config{})
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close()
	for _, s := range confirms.Strategies {
		b.Run(strings.ReplaceAll(s.Name, " ", "-"), func(b *testing.B) {
			ch, err := conn.Channel()
			if err != nil {
				b.Fatal(err)
			}
			defer ch.Close()
			queue := kit.Name(b, "q", "-", 0)
			args := amqp.Table{amqp.QueueTypeArg: amqp.QueueTypeQuorum}
			if _, err := ch.QueueDeclare(queue, true, false, false, false, args); err != nil {
				b.Fatal(err)
			}
			defer ch.QueueDelete(queue, false, false, false) //nolint:errcheck
			if err := ch.Confirm(false); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			if err := s.Publish(context.Background(), ch, queue, b.N, 100); err != nil {
				b.Fatal(err)
			}
		})
	}
}

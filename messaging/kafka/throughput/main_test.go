package main

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/messaging/internal/kafkax"
	"example.com/cloudgo/messaging/internal/testenv"
	"github.com/segmentio/kafka-go"
)

func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }

// TestRun: every run, Go's and kcat's, lands all n messages; the rates are logged
// (the machine is shared, so they are not asserted).
func TestRun(t *testing.T) {
	if testing.Short() {
		t.Skip("needs Kafka (a container); run without -short")
	}
	testenv.Command(t, "kcat", "kcat")
	addr := testenv.Kafka(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	const n = 3000
	var out strings.Builder
	results, err := run(ctx, addr, testenv.Name(t, "t"), n, 100, []int{10, 100}, &out)
	if err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + out.String())
	if len(results) != 3 {
		t.Fatalf("%d results, want 3", len(results))
	}
	for _, r := range results {
		var total int64
		for p := range 3 {
			end, err := kafkax.EndOffset(ctx, addr, r.Topic, p)
			if err != nil {
				t.Fatal(err)
			}
			total += end
		}
		if total != n || r.Rate <= 0 {
			t.Errorf("%s: %d messages in %s at %.0f msg/s, want %d", r.Name, total, r.Topic, r.Rate, n)
		}
	}
}

// BenchmarkWriter: ns/op is the time per message, per batch size.
func BenchmarkWriter(b *testing.B) {
	addr := testenv.Kafka(b)
	for _, size := range []int{1, 10, 100, 1000} {
		b.Run("BatchSize="+strconv.Itoa(size), func(b *testing.B) {
			ctx := context.Background()
			topic := testenv.Name(b, "t")
			if _, err := kafkax.CreateTopic(ctx, addr, topic, 3); err != nil {
				b.Fatal(err)
			}
			w := &kafka.Writer{Addr: kafka.TCP(addr), Topic: topic, Balancer: &kafka.CRC32Balancer{},
				RequiredAcks: kafka.RequireAll, BatchSize: size, BatchTimeout: 5 * time.Millisecond,
				BatchBytes: 16 << 20, Transport: &kafka.Transport{}}
			defer w.Close()
			msgs := make([]kafka.Message, b.N)
			for i := range msgs {
				msgs[i] = kafka.Message{Key: []byte(strconv.Itoa(i % 100)), Value: make([]byte, 100)}
			}
			b.ResetTimer()
			if err := w.WriteMessages(ctx, msgs...); err != nil {
				b.Fatal(err)
			}
		})
	}
}

package main

import (
	"context"
	"io"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/internal/kafkatest"
	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/messaging/internal/cli"
	"example.com/cloudgo/messaging/internal/kafkaconn"
	"github.com/segmentio/kafka-go"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

// TestRun: every run, Go's and kcat's, lands all n messages; the rates are logged
// (the machine is shared, so they are not asserted).
func TestRun(t *testing.T) {
	kit.Tool(t, "kcat", "kcat")
	addr := kafkatest.Addr(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	const n = 3000
	var out strings.Builder
	results, err := measure(ctx, addr, kit.Name(t, "t", "-", 0), n, 100, []int{10, 100}, &out)
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
			end, err := kafkaconn.EndOffset(ctx, addr, r.topic, p)
			if err != nil {
				t.Fatal(err)
			}
			total += end
		}
		if total != n || r.rate <= 0 {
			t.Errorf("%s: %d messages in %s at %.0f msg/s, want %d", r.name, total, r.topic, r.rate, n)
		}
	}
}

// BenchmarkWriter: ns/op is the time per message, per batch size.
func BenchmarkWriter(b *testing.B) {
	addr := kafkatest.Addr(b)
	for _, size := range []int{1, 10, 100, 1000} {
		b.Run("BatchSize="+strconv.Itoa(size), func(b *testing.B) {
			ctx := context.Background()
			topic := kit.Name(b, "t", "-", 0)
			if _, err := kafkaconn.CreateTopic(ctx, addr, topic, 3); err != nil {
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

// TestBadFlags (issue 13.15): a bad flag or flag value is a usage error (exit
// status 2) with a message, never a panic, a hang or a broker call (the address
// here is unreachable, which would be exit status 1).
func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"-n", "0"},
		{"-n", "-1"},
		{"-size", "-1"},
		{"-size", "2000000"},
		{"-no-such-flag"},
	} {
		var stderr strings.Builder
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		err := run(ctx, append([]string{"-addr", "127.0.0.1:1"}, args...), io.Discard, &stderr)
		cancel()
		if cli.Code(err) != 2 || err.Error() == "" {
			t.Errorf("%q: got %v (exit %d), want a usage error (exit 2)", args, err, cli.Code(err))
		}
	}
}

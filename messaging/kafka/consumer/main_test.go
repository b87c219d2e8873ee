package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/messaging/internal/kafkax"
	"example.com/cloudgo/messaging/internal/testenv"
	"github.com/segmentio/kafka-go"
)

func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }

// TestRun: reading from offset 3 of a partition of 6 gives exactly offsets 3, 4, 5.
func TestRun(t *testing.T) {
	if testing.Short() {
		t.Skip("needs Kafka (a container); run without -short")
	}
	addr := testenv.Kafka(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	topic := testenv.Name(t, "t")
	if _, err := kafkax.CreateTopic(ctx, addr, topic, 2); err != nil {
		t.Fatal(err)
	}
	w := &kafka.Writer{Addr: kafka.TCP(addr), Topic: topic, RequiredAcks: kafka.RequireAll,
		Balancer:     kafka.BalancerFunc(func(kafka.Message, ...int) int { return 1 }), // all to partition 1
		BatchTimeout: 5 * time.Millisecond, Transport: &kafka.Transport{}}
	defer w.Close()
	var msgs []kafka.Message
	for i := range 6 {
		msgs = append(msgs, kafka.Message{Key: fmt.Appendf(nil, "k%d", i), Value: fmt.Appendf(nil, "v%d", i)})
	}
	if err := w.WriteMessages(ctx, msgs...); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	if err := run(ctx, addr, topic, 1, 3, &out); err != nil {
		t.Fatal(err)
	}
	want := topic + `/1 holds offsets below 6; reading from 3
offset 3: k3 = v3
offset 4: k4 = v4
offset 5: k5 = v5
`
	if got := out.String(); got != want {
		t.Errorf("output differs\n got:\n%s\nwant:\n%s", got, want)
	}
	// The empty partition: nothing to read, and no waiting for it.
	out.Reset()
	if err := run(ctx, addr, topic, 0, 0, &out); err != nil {
		t.Fatal(err)
	}
	if got, want := out.String(), topic+"/0 holds offsets below 0; reading from 0\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestUnreachable(t *testing.T) {
	err := run(context.Background(), "127.0.0.1:1", "x", 0, 0, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "kafka at 127.0.0.1:1 is unreachable (start it with `make up`)") {
		t.Fatalf("want a one-line hint naming the address, got %v", err)
	}
}

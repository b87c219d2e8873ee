package main

import (
	"context"
	"fmt"
	"io"
	"os"
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

// TestRun: reading from offset 3 of a partition of 6 gives exactly offsets 3, 4, 5.
func TestRun(t *testing.T) {
	addr := kafkatest.Addr(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	topic := kit.Name(t, "t", "-", 0)
	if _, err := kafkaconn.CreateTopic(ctx, addr, topic, 2); err != nil {
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
	if err := run(ctx, []string{"-addr", addr, "-topic", topic, "-partition", "1", "-offset", "3"}, &out, &out); err != nil {
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
	if err := run(ctx, []string{"-addr", addr, "-topic", topic, "-partition", "0", "-offset", "0"}, &out, &out); err != nil {
		t.Fatal(err)
	}
	if got, want := out.String(), topic+"/0 holds offsets below 0; reading from 0\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestUnreachable(t *testing.T) {
	err := run(context.Background(), []string{"-addr", "127.0.0.1:1", "-topic", "x"}, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "kafka at 127.0.0.1:1 is unreachable (start it with `make up`)") {
		t.Fatalf("want a one-line hint naming the address, got %v", err)
	}
}

// TestBadFlags (issue 13.15): a bad flag or flag value is a usage error (exit
// status 2) with a message, never a panic, a hang or a broker call (the address
// here is unreachable, which would be exit status 1).
func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"-partition", "-1"},
		{"-offset", "-1"},
		{"-offset", "-3"},
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

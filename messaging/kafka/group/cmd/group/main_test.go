package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"regexp"
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

func newTopic(t *testing.T, ctx context.Context, addr string, partitions int) string {
	t.Helper()
	topic := kit.Name(t, "t", "-", 0)
	if _, err := kafkaconn.CreateTopic(ctx, addr, topic, partitions); err != nil {
		t.Fatal(err)
	}
	return topic
}

func produce(t *testing.T, ctx context.Context, addr, topic string, n, keys, from int) {
	t.Helper()
	w := &kafka.Writer{Addr: kafka.TCP(addr), Topic: topic, Balancer: &kafka.CRC32Balancer{},
		RequiredAcks: kafka.RequireAll, BatchTimeout: 5 * time.Millisecond, Transport: &kafka.Transport{}}
	defer w.Close()
	var msgs []kafka.Message
	for i := from; i < from+n; i++ {
		key := fmt.Sprintf("key-%d", i%keys)
		msgs = append(msgs, kafka.Message{Key: []byte(key), Value: fmt.Appendf(nil, "%s #%04d", key, i)})
	}
	if err := w.WriteMessages(ctx, msgs...); err != nil {
		t.Fatal(err)
	}
}

// TestRun: three members of one group split three partitions and consume all.
func TestRun(t *testing.T) {
	addr := kafkatest.Addr(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	topic := newTopic(t, ctx, addr, 3)
	produce(t, ctx, addr, topic, 30, 6, 0)
	group := kit.Name(t, "g", "-", 0)
	var out strings.Builder
	if err := run(ctx, []string{"-addr", addr, "-topic", topic, "-group", group, "-members", "3"}, &out, &out); err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + out.String())
	total := 0
	for _, m := range regexp.MustCompile(`(?m)^partition \d+: (\d+) messages, processed by 1 member\(s\)$`).FindAllStringSubmatch(out.String(), -1) {
		var n int
		fmt.Sscan(m[1], &n)
		total += n
	}
	if total < 30 || !strings.HasSuffix(out.String(), "partitions owned per member: [1 1 1]\n") {
		t.Errorf("want all 30 messages, each partition processed by one member, one partition each; got:\n%s", out.String())
	}
	// Run again: everything is committed, so it ends at once with nothing to do.
	out.Reset()
	if err := run(ctx, []string{"-addr", addr, "-topic", topic, "-group", group, "-members", "3"}, &out, &out); err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("group %q has committed everything in %q: nothing to do\n", group, topic); out.String() != want {
		t.Errorf("second run printed %q, want %q", out.String(), want)
	}
}

// TestBadFlags (issue 13.15): a bad flag or flag value is a usage error (exit
// status 2) with a message, never a panic, a hang or a broker call (the address
// here is unreachable, which would be exit status 1).
func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"-members", "0"},
		{"-members", "-1"},
		{"-members", "1000"},
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

package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
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

// TestRun: every key lives in exactly the partition the program names, with its
// events in the order they were written.
func TestRun(t *testing.T) {
	addr := kafkatest.Addr(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	topic := kit.Name(t, "t", "-", 0)
	var out strings.Builder
	if err := run(ctx, []string{"-addr", addr, "-topic", topic}, &out, &out); err != nil {
		t.Fatal(err)
	}
	want := `wrote 12 messages to "` + topic + `" (4 keys × 3 events, 3 partitions)
user-1 → partition 2
user-2 → partition 1
user-3 → partition 0
user-4 → partition 0
`
	if got := out.String(); got != want {
		t.Errorf("output differs\n got:\n%s\nwant:\n%s", got, want)
	}
	msgs, err := kafkaconn.ReadAll(ctx, addr, topic)
	if err != nil {
		t.Fatal(err)
	}
	wantPartition := map[string]int{"user-1": 2, "user-2": 1, "user-3": 0, "user-4": 0}
	perKey := map[string][]string{}
	for _, m := range msgs {
		if p := wantPartition[string(m.Key)]; m.Partition != p {
			t.Errorf("%s in partition %d, want %d", m.Key, m.Partition, p)
		}
		perKey[string(m.Key)] = append(perKey[string(m.Key)], string(m.Value))
	}
	for key := range wantPartition {
		want := []string{key + " event 1", key + " event 2", key + " event 3"}
		if !slices.Equal(perKey[key], want) {
			t.Errorf("%s: read %q, want %q in this order", key, perKey[key], want)
		}
	}
}

// TestOversized: a message over the Writer's BatchBytes (1 MiB by default, like
// the broker's message.max.bytes) is refused before anything is sent: the call
// fails as a whole, names the message, and writes none of its neighbours.
func TestOversized(t *testing.T) {
	addr := kafkatest.Addr(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	topic := kit.Name(t, "t", "-", 0)
	if _, err := kafkaconn.CreateTopic(ctx, addr, topic, 1); err != nil {
		t.Fatal(err)
	}
	w := newWriter(addr, topic, 100)
	defer w.Close()
	err := write(ctx, w,
		kafka.Message{Key: []byte("small-1"), Value: []byte("ok")},
		kafka.Message{Key: []byte("huge"), Value: bytes.Repeat([]byte("x"), 2<<20)},
		kafka.Message{Key: []byte("small-2"), Value: []byte("ok")},
	)
	var tooLarge kafka.MessageTooLargeError
	if !errors.As(err, &tooLarge) || string(tooLarge.Message.Key) != "huge" || len(tooLarge.Remaining) != 2 {
		t.Fatalf("want a MessageTooLargeError for key huge with the 2 others remaining, got %v", err)
	}
	if !errors.Is(err, kafka.MessageSizeTooLarge) || !strings.Contains(err.Error(), topic) {
		t.Errorf("the error should say message too large and name the topic: %v", err)
	}
	if end, err := kafkaconn.EndOffset(ctx, addr, topic, 0); err != nil || end != 0 {
		t.Errorf("topic holds %d messages (%v), want 0: nothing half-written", end, err)
	}
	// The caller decides: here it drops the huge one, loudly, and sends the rest.
	if err := write(ctx, w, tooLarge.Remaining...); err != nil {
		t.Fatal(err)
	}
}

func TestUnreachable(t *testing.T) {
	err := run(context.Background(), []string{"-addr", "127.0.0.1:1", "-topic", "x"}, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "kafka at 127.0.0.1:1 is unreachable (start it with `make up`)") {
		t.Fatalf("want a one-line hint naming the address, got %v", err)
	}
}

// TestKcatInterop: kcat (librdkafka, C) reads what the Go producer wrote, and the
// Go side reads what kcat wrote, with keys in the same partitions on both sides
// (both hash keys with CRC32).
func TestKcatInterop(t *testing.T) {
	kcat := kit.Tool(t, "kcat", "kcat")
	addr := kafkatest.Addr(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	topic := kit.Name(t, "t", "-", 0)
	if err := run(ctx, []string{"-addr", addr, "-topic", topic}, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}

	// kcat reads: -e exits at the end of every partition.
	cmd := exec.CommandContext(ctx, kcat, "-b", addr, "-C", "-t", topic, "-e", "-q", "-f", "%p %k %s\n")
	got, err := cmd.Output()
	if err != nil {
		t.Fatalf("kcat -C: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(string(got)), "\n")
	slices.Sort(lines)
	var want []string
	for u, p := range []int{2, 1, 0, 0} {
		for e := range 3 {
			want = append(want, fmt.Sprintf("%d user-%d user-%d event %d", p, u+1, u+1, e+1))
		}
	}
	slices.Sort(want)
	if !slices.Equal(lines, want) {
		t.Errorf("kcat read\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}

	// kcat writes (-K: splits key:value), the Go side reads.
	cmd = exec.CommandContext(ctx, kcat, "-b", addr, "-P", "-t", topic, "-K:")
	cmd.Stdin = strings.NewReader("user-1:from kcat 1\nuser-2:from kcat 2\n")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("kcat -P: %v\n%s", err, out)
	}
	msgs, err := kafkaconn.ReadAll(ctx, addr, topic)
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, m := range msgs {
		if strings.HasPrefix(string(m.Value), "from kcat") {
			found++
			p := (&kafka.CRC32Balancer{}).Balance(m, 0, 1, 2)
			if m.Partition != p {
				t.Errorf("kcat put %s in partition %d; the Go producer uses %d", m.Key, m.Partition, p)
			}
		}
	}
	if found != 2 {
		t.Errorf("Go read %d of kcat's 2 messages", found)
	}
}

// TestExistingTopicPartitions (issue 13.17): for a topic that already exists with
// another partition count than the 3 it creates, the program names the partition
// each key really went to (before the fix it assumed 3 partitions, and for a
// topic of 2 it waited for a third partition until its deadline).
func TestExistingTopicPartitions(t *testing.T) {
	addr := kafkatest.Addr(t)
	for _, partitions := range []int{2, 5} {
		t.Run(fmt.Sprint(partitions), func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			topic := kit.Name(t, "t", "-", 0)
			if _, err := kafkaconn.CreateTopic(ctx, addr, topic, partitions); err != nil {
				t.Fatal(err)
			}
			var out strings.Builder
			if err := run(ctx, []string{"-addr", addr, "-topic", topic, "-users", "8", "-events", "1"}, &out, &out); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(out.String(), fmt.Sprintf(", %d partitions)", partitions)) {
				t.Errorf("output does not name %d partitions:\n%s", partitions, out.String())
			}
			printed := map[string]int{}
			for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n")[1:] {
				var key string
				var p int
				if _, err := fmt.Sscanf(line, "%s → partition %d", &key, &p); err != nil {
					t.Fatalf("line %q: %v", line, err)
				}
				printed[key] = p
			}
			msgs, err := kafkaconn.ReadAll(ctx, addr, topic)
			if err != nil {
				t.Fatal(err)
			}
			if len(msgs) != 8 {
				t.Fatalf("read %d messages, want 8", len(msgs))
			}
			for _, m := range msgs {
				if p, ok := printed[string(m.Key)]; !ok || p != m.Partition {
					t.Errorf("%s is in partition %d; the program printed %d", m.Key, m.Partition, p)
				}
			}
		})
	}
}

// TestBadFlags (issue 13.15): a bad flag or flag value is a usage error (exit
// status 2) with a message, never a panic, a hang or a broker call (the address
// here is unreachable, which would be exit status 1).
func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"-users", "0"},
		{"-events", "-1"},
		{"-users", "100000", "-events", "100000"},
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

package group

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"example.com/cloudgo/internal/kafkatest"
	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/messaging/internal/kafkaconn"
	"github.com/segmentio/kafka-go"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

// produce writes n messages with keys key-0 … key-(keys-1) round the keys,
// values "<key> #<seq>", and returns them.
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

func newTopic(t *testing.T, ctx context.Context, addr string, partitions int) string {
	t.Helper()
	topic := kit.Name(t, "t", "-", 0)
	if _, err := kafkaconn.CreateTopic(ctx, addr, topic, partitions); err != nil {
		t.Fatal(err)
	}
	return topic
}

// TestMembersSplitPartitions: once the group is stable, every partition has
// exactly one owner, each of the three members owns one, and each key's
// messages are processed in the order they were written.
func TestMembersSplitPartitions(t *testing.T) {
	addr := kafkatest.Addr(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	topic := newTopic(t, ctx, addr, 3)
	group := kit.Name(t, "g", "-", 0)

	type seen struct {
		member, partition int
		key, value        string
	}
	var (
		mu  sync.Mutex
		log []seen
		wg  sync.WaitGroup
	)
	cctx, stop := context.WithCancel(ctx)
	defer func() { stop(); wg.Wait() }()
	for i := range 3 {
		r := NewMember(addr, topic, group)
		wg.Go(func() {
			defer r.Close()
			err := Consume(cctx, r, 1, func(m kafka.Message) error {
				mu.Lock()
				defer mu.Unlock()
				log = append(log, seen{i, m.Partition, string(m.Key), string(m.Value)})
				return nil
			}, nil)
			if err != nil {
				t.Error(err)
			}
		})
	}
	if err := WaitStable(ctx, addr, group, 3, 3); err != nil {
		t.Fatal(err)
	}

	const n = 60
	produce(t, ctx, addr, topic, n, 9, 0)
	deadline := time.Now().Add(30 * time.Second)
	for {
		mu.Lock()
		got := len(log)
		mu.Unlock()
		if got >= n || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(log) != n {
		t.Fatalf("processed %d messages, want %d", len(log), n)
	}
	owner := map[int]int{}
	perKey := map[string][]string{}
	for _, s := range log {
		if o, ok := owner[s.partition]; ok && o != s.member {
			t.Errorf("partition %d processed by members %d and %d", s.partition, o, s.member)
		}
		owner[s.partition] = s.member
		perKey[s.key] = append(perKey[s.key], s.value)
	}
	members := map[int]bool{}
	for _, m := range owner {
		members[m] = true
	}
	if len(owner) != 3 || len(members) != 3 {
		t.Errorf("partition owners %v: want 3 partitions split over 3 members", owner)
	}
	for key, values := range perKey {
		if !slices.IsSorted(values) {
			t.Errorf("%s processed out of order: %q", key, values)
		}
	}
}

// TestCrashedMemberLosesNothing: a member processes part of a partition,
// committing every 10 messages, and dies right after processing offset 45
// (committed: up to 39). A new member of the same group resumes at the
// committed offset: every offset is processed at least once, with no gap, and
// exactly the uncommitted ones (40..45) twice.
func TestCrashedMemberLosesNothing(t *testing.T) {
	addr := kafkatest.Addr(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	topic := newTopic(t, ctx, addr, 1)
	group := kit.Name(t, "g", "-", 0)
	const n = 100
	produce(t, ctx, addr, topic, n, 3, 0)

	processed := map[int64]int{}
	errCrash := errors.New("crash")
	first := NewMember(addr, topic, group)
	err := Consume(ctx, first, 10, func(m kafka.Message) error {
		processed[m.Offset]++
		if m.Offset == 45 {
			return errCrash // processed, not committed
		}
		return nil
	}, nil)
	first.Close() // gone without committing 40..45
	if !errors.Is(err, errCrash) {
		t.Fatalf("first member: %v", err)
	}

	second := NewMember(addr, topic, group)
	defer second.Close()
	resumedAt := int64(-1)
	cctx, stop := context.WithCancel(ctx)
	err = Consume(cctx, second, 10, func(m kafka.Message) error {
		if resumedAt < 0 {
			resumedAt = m.Offset
		}
		processed[m.Offset]++
		if m.Offset == n-1 {
			stop()
		}
		return nil
	}, nil)
	stop()
	if err != nil {
		t.Fatal(err)
	}
	if resumedAt != 40 {
		t.Errorf("second member resumed at offset %d, want 40 (the last commit)", resumedAt)
	}
	for off := range int64(n) {
		want := 1
		if off >= 40 && off <= 45 {
			want = 2
		}
		if processed[off] != want {
			t.Errorf("offset %d processed %d times, want %d", off, processed[off], want)
		}
	}
}

// TestCleanStopCommitsEverything (issue 13.10): a member that is stopped (its
// context cancelled) right after processing the last message still commits
// everything it processed, also the tail short of a commitEvery batch; a new
// member of the group then has nothing old to read. Before the fix the final
// commit ran on the cancelled context and failed silently.
func TestCleanStopCommitsEverything(t *testing.T) {
	addr := kafkatest.Addr(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	topic := newTopic(t, ctx, addr, 1)
	group := kit.Name(t, "g", "-", 0)
	const n = 25
	produce(t, ctx, addr, topic, n, 3, 0)

	r := NewMember(addr, topic, group)
	cctx, stop := context.WithCancel(ctx)
	err := Consume(cctx, r, 10, func(m kafka.Message) error {
		if m.Offset == n-1 {
			stop() // done: stop at once, as a program does on its last message
		}
		return nil
	}, nil)
	r.Close()
	stop()
	if err != nil {
		t.Fatal(err)
	}
	todo, _, err := Remaining(ctx, addr, topic, group)
	if err != nil {
		t.Fatal(err)
	}
	if len(todo) != 0 {
		t.Errorf("after a clean stop, partitions %v are not committed to their end", todo)
	}
}

// TestBadCommitEvery (issue 13.15): commitEvery below 1 is an error.
func TestBadCommitEvery(t *testing.T) {
	for _, k := range []int{0, -1} {
		if err := Consume(context.Background(), nil, k, nil, nil); err == nil {
			t.Errorf("commitEvery %d: no error", k)
		}
	}
}

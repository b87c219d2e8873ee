// Command group consumes a topic with a consumer group: the members share the
// topic's partitions (each partition has one owner at a time), and the group
// remembers, per partition, the offset up to which its members committed.
//
// At-least-once: fetch, process, and only then commit. A member that dies
// between processing and committing leaves those messages uncommitted, so the
// next owner of the partition processes them again: duplicates are possible,
// gaps are not. (Committing before processing would turn that into loss.)
//
//	go run ./kafka/group -addr 127.0.0.1:9092 -topic events -group readers -members 3
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"os/signal"
	"slices"
	"sync"
	"syscall"
	"time"

	"example.com/cloudgo/messaging/internal/kafkax"
	"github.com/segmentio/kafka-go"
)

func main() {
	addr := flag.String("addr", kafkax.Addr(), "Kafka bootstrap address (env KAFKA_ADDR)")
	topic := flag.String("topic", "events", "topic to consume")
	group := flag.String("group", "readers", "consumer group id")
	members := flag.Int("members", 3, "group members in this process")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, *addr, *topic, *group, *members, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "group:", err)
		os.Exit(1)
	}
}

// NewMember returns a group member reading topic. Each Reader with a GroupID is
// one member; the group coordinator assigns it partitions.
func NewMember(addr, topic, group string) *kafka.Reader {
	return kafka.NewReader(kafka.ReaderConfig{
		Brokers:     []string{addr},
		GroupID:     group,
		Topic:       topic,
		StartOffset: kafka.FirstOffset, // where a group with no commit starts
		// 0: CommitMessages commits synchronously, so "committed" means committed.
		CommitInterval: 0,
		// Quick rebalances for a demo; the defaults (3 s, 30 s) suit production.
		HeartbeatInterval: 300 * time.Millisecond,
		SessionTimeout:    6 * time.Second,
		RebalanceTimeout:  3 * time.Second,
		JoinGroupBackoff:  300 * time.Millisecond,
		MaxWait:           200 * time.Millisecond,
	})
}

// Consume is one member's loop: fetch, handle, and commit every commitEvery
// messages, until ctx ends or handle fails. Messages handled but not committed
// when it returns will be handled again by the partition's next owner.
func Consume(ctx context.Context, r *kafka.Reader, commitEvery int, handle func(kafka.Message) error) error {
	var uncommitted []kafka.Message
	for {
		m, err := r.FetchMessage(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("fetch from %s: %w", r.Config().Topic, err)
		}
		if err := handle(m); err != nil {
			return fmt.Errorf("handle %s/%d@%d: %w", m.Topic, m.Partition, m.Offset, err)
		}
		uncommitted = append(uncommitted, m)
		if len(uncommitted) >= commitEvery {
			// Commit stores offset+1 of the last message per partition.
			if err := r.CommitMessages(ctx, uncommitted...); err != nil {
				if ctx.Err() != nil {
					return nil
				}
				return fmt.Errorf("commit %d messages: %w", len(uncommitted), err)
			}
			uncommitted = uncommitted[:0]
		}
	}
}

// run lets members consume until every partition is processed up to the end it
// had at the start, then prints who processed what.
func run(ctx context.Context, addr, topic, group string, members int, out io.Writer) error {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	if err := kafkax.Ping(ctx, addr); err != nil {
		return err
	}
	todo, err := remaining(ctx, addr, topic, group)
	if err != nil {
		return err
	}
	if len(todo) == 0 {
		fmt.Fprintf(out, "group %q has committed everything in %q: nothing to do\n", group, topic)
		return nil
	}
	var (
		mu        sync.Mutex
		processed = map[int]map[int]int{} // member → partition → messages
		allDone   = make(chan struct{})
	)
	check := func() {
		if len(todo) == 0 {
			close(allDone)
		}
	}
	// A group Reader joins in the background as soon as it is created. Let all
	// members join before anyone processes, or the first one to join would get
	// every partition and could finish before the others arrive.
	readers := make([]*kafka.Reader, members)
	for i := range members {
		readers[i] = NewMember(addr, topic, group)
		defer readers[i].Close()
		processed[i+1] = map[int]int{}
	}
	if err := WaitStable(ctx, addr, group, members); err != nil {
		return err
	}
	var wg sync.WaitGroup
	errs := make([]error, members)
	cctx, stop := context.WithCancel(ctx)
	for i, r := range readers {
		wg.Go(func() {
			errs[i] = Consume(cctx, r, 1, func(m kafka.Message) error {
				mu.Lock()
				defer mu.Unlock()
				processed[i+1][m.Partition]++
				if end, ok := todo[m.Partition]; ok && m.Offset >= end-1 {
					delete(todo, m.Partition)
					check()
				}
				return nil
			})
		})
	}
	select {
	case <-allDone:
	case <-ctx.Done():
	}
	stop()
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	if len(todo) > 0 {
		return fmt.Errorf("partitions %v not consumed to the end: %w", slices.Sorted(maps.Keys(todo)), ctx.Err())
	}
	for i := range members {
		parts := slices.Sorted(maps.Keys(processed[i+1]))
		n := 0
		for _, k := range processed[i+1] {
			n += k
		}
		fmt.Fprintf(out, "member %d: partitions %v, %d messages\n", i+1, parts, n)
	}
	return nil
}

// WaitStable waits until group is Stable with want members, each of them
// assigned at least one partition (DescribeGroups shows the assignment).
func WaitStable(ctx context.Context, addr, group string, want int) error {
	client := &kafka.Client{Addr: kafka.TCP(addr), Timeout: 5 * time.Second}
	last := "not described yet"
	for {
		resp, err := client.DescribeGroups(ctx, &kafka.DescribeGroupsRequest{GroupIDs: []string{group}})
		if err == nil && len(resp.Groups) == 1 {
			g := resp.Groups[0]
			assigned := 0
			for _, m := range g.Members {
				for _, tp := range m.MemberAssignments.Topics {
					if len(tp.Partitions) > 0 {
						assigned++
					}
				}
			}
			last = fmt.Sprintf("state %s, %d members, %d with partitions", g.GroupState, len(g.Members), assigned)
			if g.GroupState == "Stable" && len(g.Members) == want && assigned == want {
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("group %q on %s not stable with %d members (%s): %w", group, addr, want, last, ctx.Err())
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// remaining returns, per partition with messages the group has not committed yet,
// the partition's end offset.
func remaining(ctx context.Context, addr, topic, group string) (map[int]int64, error) {
	client := &kafka.Client{Addr: kafka.TCP(addr), Timeout: 10 * time.Second}
	meta, err := client.Metadata(ctx, &kafka.MetadataRequest{Topics: []string{topic}})
	if err == nil && (len(meta.Topics) != 1 || meta.Topics[0].Error != nil) {
		err = errors.Join(kafka.UnknownTopicOrPartition, topicErr(meta))
	}
	if err != nil {
		return nil, fmt.Errorf("describe %q on %s: %w", topic, addr, err)
	}
	var ids []int
	for _, p := range meta.Topics[0].Partitions {
		ids = append(ids, p.ID)
	}
	committed, err := client.OffsetFetch(ctx, &kafka.OffsetFetchRequest{GroupID: group, Topics: map[string][]int{topic: ids}})
	if err != nil {
		return nil, fmt.Errorf("committed offsets of group %q: %w", group, err)
	}
	todo := map[int]int64{}
	for _, id := range ids {
		end, err := kafkax.EndOffset(ctx, addr, topic, id)
		if err != nil {
			return nil, err
		}
		done := int64(0) // -1 (nothing committed) counts as 0
		for _, p := range committed.Topics[topic] {
			if p.Partition == id && p.CommittedOffset > 0 {
				done = p.CommittedOffset
			}
		}
		if done < end {
			todo[id] = end
		}
	}
	return todo, nil
}

func topicErr(meta *kafka.MetadataResponse) error {
	if meta == nil || len(meta.Topics) == 0 {
		return nil
	}
	return meta.Topics[0].Error
}

// Package group consumes a Kafka topic with a consumer group: the members share
// the topic's partitions (each partition has one owner at a time), and the group
// remembers, per partition, the offset up to which its members committed.
//
// At-least-once: fetch, process, and only then commit. A member that dies
// between processing and committing leaves those messages uncommitted, so the
// next owner of the partition processes them again: duplicates are possible,
// gaps are not. (Committing before processing would turn that into loss.)
//
// The program in cmd/group runs several members in one process.
package group

import (
	"context"
	"fmt"
	"time"

	"example.com/cloudgo/messaging/internal/kafkaconn"
	"github.com/segmentio/kafka-go"
)

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

// CommitTimeout bounds one commit, which runs even while ctx is being cancelled.
const CommitTimeout = 10 * time.Second

// Consume is one member's loop: fetch, handle, and commit every commitEvery
// messages, until ctx ends or handle fails. Then committed, if not nil, is called
// with the messages just committed.
//
// When ctx ends (a clean stop) it first commits what it handled, on a context of
// its own: stopping is no reason to leave processed offsets uncommitted. When
// handle fails (a crash) it returns at once: messages handled but not committed
// then are handled again by the partition's next owner.
func Consume(ctx context.Context, r *kafka.Reader, commitEvery int, handle func(kafka.Message) error, committed func([]kafka.Message)) error {
	if commitEvery < 1 {
		return fmt.Errorf("commit every %d messages: must be at least 1", commitEvery)
	}
	var uncommitted []kafka.Message
	commit := func() error {
		if len(uncommitted) == 0 {
			return nil
		}
		// Not ctx: the caller cancels it to stop, and the last commit must still
		// reach the broker. WithoutCancel keeps its values, the timeout bounds it.
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), CommitTimeout)
		defer cancel()
		// Commit stores offset+1 of the last message per partition.
		if err := r.CommitMessages(cctx, uncommitted...); err != nil {
			return fmt.Errorf("commit %d messages of %s: %w", len(uncommitted), r.Config().Topic, err)
		}
		if committed != nil {
			committed(uncommitted)
		}
		uncommitted = uncommitted[:0]
		return nil
	}
	for {
		m, err := r.FetchMessage(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return commit() // a clean stop
			}
			return fmt.Errorf("fetch from %s: %w", r.Config().Topic, err)
		}
		if err := handle(m); err != nil {
			return fmt.Errorf("handle %s/%d@%d: %w", m.Topic, m.Partition, m.Offset, err)
		}
		uncommitted = append(uncommitted, m)
		if len(uncommitted) >= commitEvery {
			if err := commit(); err != nil {
				return err
			}
		}
	}
}

// WaitStable waits until group is Stable with members members, of which assigned
// own at least one partition (DescribeGroups shows the assignment): all of them,
// unless the topic has fewer partitions than the group has members.
func WaitStable(ctx context.Context, addr, group string, members, assigned int) error {
	client := &kafka.Client{Addr: kafka.TCP(addr), Timeout: 5 * time.Second}
	last := "not described yet"
	for {
		resp, err := client.DescribeGroups(ctx, &kafka.DescribeGroupsRequest{GroupIDs: []string{group}})
		if err == nil && len(resp.Groups) == 1 {
			g := resp.Groups[0]
			owners := 0
			for _, m := range g.Members {
				for _, tp := range m.MemberAssignments.Topics {
					if len(tp.Partitions) > 0 {
						owners++
					}
				}
			}
			last = fmt.Sprintf("state %s, %d members, %d with partitions", g.GroupState, len(g.Members), owners)
			if g.GroupState == "Stable" && len(g.Members) == members && owners == assigned {
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("group %q on %s not stable with %d members (%s): %w", group, addr, members, last, ctx.Err())
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// Remaining returns, per partition of topic, the partition's end offset if the
// group has not committed up to it, and the number of partitions.
func Remaining(ctx context.Context, addr, topic, group string) (todo map[int]int64, partitions int, err error) {
	ids, err := kafkaconn.Partitions(ctx, addr, topic)
	if err != nil {
		return nil, 0, err
	}
	client := &kafka.Client{Addr: kafka.TCP(addr), Timeout: 10 * time.Second}
	committed, err := client.OffsetFetch(ctx, &kafka.OffsetFetchRequest{GroupID: group, Topics: map[string][]int{topic: ids}})
	if err != nil {
		return nil, 0, fmt.Errorf("committed offsets of group %q on %s: %w", group, addr, err)
	}
	todo = map[int]int64{}
	for _, id := range ids {
		end, err := kafkaconn.EndOffset(ctx, addr, topic, id)
		if err != nil {
			return nil, 0, err
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
	return todo, len(ids), nil
}

// Command group runs several members of one consumer group in one process: they
// split the topic's partitions, each loops fetch → process → commit (see package
// group), and the program stops once every partition is processed and committed
// up to the end it had at the start, then prints how the work was shared.
//
//	go run ./kafka/group/cmd/group -addr 127.0.0.1:9092 -topic events -group readers -members 3
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

	"example.com/cloudgo/messaging/internal/cli"
	"example.com/cloudgo/messaging/internal/kafkaconn"
	"example.com/cloudgo/messaging/kafka/group"
	"github.com/segmentio/kafka-go"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("group", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("group", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", cli.Env("KAFKA_ADDR", kafkaconn.DefaultAddr), "Kafka bootstrap address (env KAFKA_ADDR)")
	topic := fs.String("topic", "events", "topic to consume")
	groupID := fs.String("group", "readers", "consumer group id")
	members := fs.Int("members", 3, "group members in this process")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if *members < 1 || *members > 100 {
		return cli.Usagef("-members must be 1..100, got %d", *members)
	}
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	if err := kafkaconn.Ping(ctx, *addr); err != nil {
		return err
	}
	todo, partitions, err := group.Remaining(ctx, *addr, *topic, *groupID)
	if err != nil {
		return err
	}
	if len(todo) == 0 {
		fmt.Fprintf(stdout, "group %q has committed everything in %q: nothing to do\n", *groupID, *topic)
		return nil
	}
	var (
		mu        sync.Mutex
		processed = map[int]map[int]int{} // member → partition → messages
		allDone   = make(chan struct{})
	)
	// A group Reader joins in the background as soon as it is created. Let all
	// members join before anyone processes, or the first one to join would get
	// every partition and could finish before the others arrive.
	readers := make([]*kafka.Reader, *members)
	for i := range readers {
		readers[i] = group.NewMember(*addr, *topic, *groupID)
		defer readers[i].Close()
		processed[i+1] = map[int]int{}
	}
	if err := group.WaitStable(ctx, *addr, *groupID, *members, min(*members, partitions)); err != nil {
		return err
	}
	var wg sync.WaitGroup
	errs := make([]error, *members)
	cctx, stop := context.WithCancel(ctx)
	for i, r := range readers {
		wg.Go(func() {
			handle := func(m kafka.Message) error {
				mu.Lock()
				defer mu.Unlock()
				processed[i+1][m.Partition]++
				return nil
			}
			// Done means committed: a partition is finished once its last offset is.
			committed := func(ms []kafka.Message) {
				mu.Lock()
				defer mu.Unlock()
				for _, m := range ms {
					if end, ok := todo[m.Partition]; ok && m.Offset >= end-1 {
						delete(todo, m.Partition)
						if len(todo) == 0 {
							close(allDone)
						}
					}
				}
			}
			errs[i] = group.Consume(cctx, r, 1, handle, committed)
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
		return fmt.Errorf("partitions %v of %q not consumed to the end: %w", slices.Sorted(maps.Keys(todo)), *topic, ctx.Err())
	}
	// Which member got which partition varies from run to run; what holds is
	// printed: each partition had one owner, and how many partitions each owned.
	messages, owners, owned := map[int]int{}, map[int]int{}, make([]int, *members)
	for i, parts := range processed {
		for p, n := range parts {
			messages[p] += n
			owners[p]++
			owned[i-1]++
		}
	}
	for _, p := range slices.Sorted(maps.Keys(messages)) {
		fmt.Fprintf(stdout, "partition %d: %d messages, processed by %d member(s)\n", p, messages[p], owners[p])
	}
	slices.Sort(owned)
	fmt.Fprintf(stdout, "partitions owned per member: %v\n", owned)
	return nil
}

// Command admin creates a Kafka topic with a number of partitions and describes it.
// Partitions are Kafka's unit of parallelism and of ordering: each is an ordered
// log, read by at most one member of a consumer group at a time, so the partition
// count caps how many consumers of a group can work in parallel.
//
//	go run ./kafka/admin -addr 127.0.0.1:9092 -topic events -partitions 3
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"syscall"
	"time"

	"example.com/cloudgo/messaging/internal/kafkax"
	"github.com/segmentio/kafka-go"
)

func main() {
	addr := flag.String("addr", kafkax.Addr(), "Kafka bootstrap address (env KAFKA_ADDR)")
	topic := flag.String("topic", "events", "topic to create")
	partitions := flag.Int("partitions", 3, "number of partitions")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, *addr, *topic, *partitions, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "admin:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, addr, topic string, partitions int, out io.Writer) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := kafkax.Ping(ctx, addr); err != nil {
		return err
	}
	// kafka.Client speaks the admin API; it finds the controller by itself.
	client := &kafka.Client{Addr: kafka.TCP(addr), Timeout: 10 * time.Second}
	resp, err := client.CreateTopics(ctx, &kafka.CreateTopicsRequest{
		Topics: []kafka.TopicConfig{{
			Topic:             topic,
			NumPartitions:     partitions,
			ReplicationFactor: 1, // one broker here; production clusters use 3
		}},
	})
	if err != nil {
		return fmt.Errorf("create topic %q on %s: %w", topic, addr, err)
	}
	// Per-topic errors come in the response, not as the call's error.
	switch err := resp.Errors[topic]; {
	case err == nil:
		fmt.Fprintf(out, "created topic %q with %d partitions\n", topic, partitions)
	case errors.Is(err, kafka.TopicAlreadyExists):
		fmt.Fprintf(out, "topic %q already exists\n", topic)
	default:
		return fmt.Errorf("create topic %q on %s: %w", topic, addr, err)
	}

	// Leaders are elected just after creation; ask until every partition has one.
	for {
		meta, err := client.Metadata(ctx, &kafka.MetadataRequest{Topics: []string{topic}})
		if err != nil {
			return fmt.Errorf("describe topic %q on %s: %w", topic, addr, err)
		}
		if t := meta.Topics[0]; t.Error == nil && allLed(t.Partitions) {
			var ids []int
			for _, p := range t.Partitions {
				ids = append(ids, p.ID)
			}
			slices.Sort(ids)
			fmt.Fprintf(out, "topic %q: partitions %v, each with a leader\n", topic, ids)
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("wait for leaders of %q on %s: %w", topic, addr, ctx.Err())
		case <-time.After(100 * time.Millisecond):
		}
	}
}

func allLed(ps []kafka.Partition) bool {
	for _, p := range ps {
		if p.Error != nil || p.Leader.Host == "" {
			return false
		}
	}
	return len(ps) > 0
}

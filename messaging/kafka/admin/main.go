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

	"example.com/cloudgo/messaging/internal/cli"
	"example.com/cloudgo/messaging/internal/kafkaconn"
	"github.com/segmentio/kafka-go"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("admin", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, out, stderr io.Writer) error {
	fs := flag.NewFlagSet("admin", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addrFlag := fs.String("addr", cli.Env("KAFKA_ADDR", kafkaconn.DefaultAddr), "Kafka bootstrap address (env KAFKA_ADDR)")
	topicFlag := fs.String("topic", "events", "topic to create")
	partitions := fs.Int("partitions", 3, "number of partitions")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if *partitions < 1 || *partitions > 10000 {
		return cli.Usagef("-partitions must be 1..10000, got %d", *partitions)
	}
	addr, topic := *addrFlag, *topicFlag
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := kafkaconn.Ping(ctx, addr); err != nil {
		return err
	}
	// kafka.Client speaks the admin API; it finds the controller by itself.
	client := &kafka.Client{Addr: kafka.TCP(addr), Timeout: 10 * time.Second}
	resp, err := client.CreateTopics(ctx, &kafka.CreateTopicsRequest{
		Topics: []kafka.TopicConfig{{
			Topic:             topic,
			NumPartitions:     *partitions,
			ReplicationFactor: 1, // one broker here; production clusters use 3
		}},
	})
	if err != nil {
		return fmt.Errorf("create topic %q on %s: %w", topic, addr, err)
	}
	// Per-topic errors come in the response, not as the call's error.
	switch err := resp.Errors[topic]; {
	case err == nil:
		fmt.Fprintf(out, "created topic %q with %d partitions\n", topic, *partitions)
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

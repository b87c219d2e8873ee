// Command consumer reads one partition of a topic from a given offset up to its
// current end. A partition is an append-only log and an offset is a position in
// it: a reader can start anywhere, re-read, or skip ahead; reading consumes
// nothing, other readers see the same messages.
//
//	go run ./kafka/consumer -addr 127.0.0.1:9092 -topic events -partition 0 -offset 2
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"example.com/cloudgo/messaging/internal/cli"
	"example.com/cloudgo/messaging/internal/kafkaconn"
	"github.com/segmentio/kafka-go"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("consumer", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, out, stderr io.Writer) error {
	fs := flag.NewFlagSet("consumer", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addrFlag := fs.String("addr", cli.Env("KAFKA_ADDR", kafkaconn.DefaultAddr), "Kafka bootstrap address (env KAFKA_ADDR)")
	topicFlag := fs.String("topic", "events", "topic to read")
	partitionFlag := fs.Int("partition", 0, "partition to read")
	offsetFlag := fs.Int64("offset", 0, "first offset to read (-2: the oldest kept)")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if *partitionFlag < 0 {
		return cli.Usagef("-partition must not be negative, got %d", *partitionFlag)
	}
	if *offsetFlag < 0 && *offsetFlag != kafka.FirstOffset {
		return cli.Usagef("-offset must be an offset (0 or more) or -2 (the oldest kept), got %d", *offsetFlag)
	}
	addr, topic, partition, offset := *addrFlag, *topicFlag, *partitionFlag, *offsetFlag
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := kafkaconn.Ping(ctx, addr); err != nil {
		return err
	}
	// The end now: the offset the next message will get. Reading up to it makes
	// the program stop instead of waiting for new messages forever.
	end, err := kafkaconn.EndOffset(ctx, addr, topic, partition)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "%s/%d holds offsets below %d; reading from %d\n", topic, partition, end, offset)
	if offset >= end {
		return nil
	}
	// No GroupID: this reader is assigned one partition by us, not by a group,
	// and remembers nothing; where it starts is SetOffset's argument.
	r := kafka.NewReader(kafka.ReaderConfig{
		Brokers:   []string{addr},
		Topic:     topic,
		Partition: partition,
		MaxWait:   200 * time.Millisecond, // long-poll wait; Close waits for it too
	})
	defer r.Close()
	if err := r.SetOffset(offset); err != nil {
		return fmt.Errorf("seek %s/%d to %d: %w", topic, partition, offset, err)
	}
	for {
		m, err := r.ReadMessage(ctx)
		if err != nil {
			return fmt.Errorf("read %s/%d on %s: %w", topic, partition, addr, err)
		}
		fmt.Fprintf(out, "offset %d: %s = %s\n", m.Offset, m.Key, m.Value)
		if m.Offset >= end-1 {
			return nil
		}
	}
}

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

	"example.com/cloudgo/messaging/internal/kafkax"
	"github.com/segmentio/kafka-go"
)

func main() {
	addr := flag.String("addr", kafkax.Addr(), "Kafka bootstrap address (env KAFKA_ADDR)")
	topic := flag.String("topic", "events", "topic to read")
	partition := flag.Int("partition", 0, "partition to read")
	offset := flag.Int64("offset", 0, "first offset to read (-2: the oldest kept)")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, *addr, *topic, *partition, *offset, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "consumer:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, addr, topic string, partition int, offset int64, out io.Writer) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := kafkax.Ping(ctx, addr); err != nil {
		return err
	}
	// The end now: the offset the next message will get. Reading up to it makes
	// the program stop instead of waiting for new messages forever.
	end, err := kafkax.EndOffset(ctx, addr, topic, partition)
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

// Command producer writes keyed events to a Kafka topic with kafka-go's Writer.
// The key picks the partition (a hash of the key modulo the partition count), so
// all events of one key land in one partition, in the order they were written:
// Kafka orders per partition, hence per key, never across the whole topic.
//
//	go run ./kafka/producer -addr 127.0.0.1:9092 -topic events -users 4 -events 3
package main

import (
	"context"
	"errors"
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
	cli.Exit("producer", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// newWriter returns a Writer for topic with the settings that matter for safety.
func newWriter(addr, topic string, batchSize int) *kafka.Writer {
	return &kafka.Writer{
		Addr:  kafka.TCP(addr),
		Topic: topic,
		// CRC32 of the key is librdkafka's default (kcat, confluent-kafka-*), so Go
		// and those clients put a key in the same partition. Java clients use
		// murmur2 (kafka.Murmur2Balancer). kafka.Hash (FNV) matches neither.
		Balancer: &kafka.CRC32Balancer{},
		// Wait for all in-sync replicas: acknowledged means it survives a broker loss.
		RequiredAcks: kafka.RequireAll,
		// A batch goes out when it has BatchSize messages or after BatchTimeout.
		// The default timeout (1 s) makes every small synchronous write take 1 s.
		BatchSize:    batchSize,
		BatchTimeout: 5 * time.Millisecond,
		// A Transport of its own: kafka.DefaultTransport is shared by every Writer
		// of the process and caches topic metadata (6 s), so a topic created a
		// moment ago can look missing (UnknownTopicOrPartition) to a Writer using it.
		Transport: &kafka.Transport{DialTimeout: 5 * time.Second, MetadataTTL: time.Second},
	}
}

// write writes msgs, retrying briefly while the topic is still unknown to the
// broker's metadata (just created, or auto-created by this very write).
func write(ctx context.Context, w *kafka.Writer, msgs ...kafka.Message) error {
	for attempt := 1; ; attempt++ {
		err := w.WriteMessages(ctx, msgs...)
		if err == nil || attempt == 10 || !unknownTopic(err) {
			if err != nil {
				return fmt.Errorf("write %d messages to %q: %w", len(msgs), w.Topic, err)
			}
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("write %d messages to %q: %w", len(msgs), w.Topic, ctx.Err())
		case <-time.After(200 * time.Millisecond):
		}
	}
}

func unknownTopic(err error) bool {
	var werrs kafka.WriteErrors // one error per message; it does not Unwrap
	if errors.As(err, &werrs) {
		for _, e := range werrs {
			if errors.Is(e, kafka.UnknownTopicOrPartition) {
				return true
			}
		}
	}
	return errors.Is(err, kafka.UnknownTopicOrPartition)
}

func run(ctx context.Context, args []string, out, stderr io.Writer) error {
	fs := flag.NewFlagSet("producer", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addrFlag := fs.String("addr", cli.Env("KAFKA_ADDR", kafkaconn.DefaultAddr), "Kafka bootstrap address (env KAFKA_ADDR)")
	topicFlag := fs.String("topic", "events", "topic (created with 3 partitions if missing)")
	users := fs.Int("users", 4, "number of keys (user-1 …)")
	events := fs.Int("events", 3, "events per user")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if *users < 1 || *events < 1 || *users**events > 100000 {
		return cli.Usagef("-users and -events must be at least 1, at most 100000 messages in all; got %d × %d", *users, *events)
	}
	addr, topic := *addrFlag, *topicFlag
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := kafkaconn.Ping(ctx, addr); err != nil {
		return err
	}
	if _, err := kafkaconn.CreateTopic(ctx, addr, topic, 3); err != nil {
		return err
	}
	// The topic may have existed with another partition count: the key → partition
	// mapping depends on the real one.
	partitions, err := kafkaconn.Partitions(ctx, addr, topic)
	if err != nil {
		return err
	}
	w := newWriter(addr, topic, 100)
	defer w.Close()

	var msgs []kafka.Message
	for seq := range *events {
		for u := range *users {
			user := fmt.Sprintf("user-%d", u+1)
			msgs = append(msgs, kafka.Message{Key: []byte(user), Value: fmt.Appendf(nil, "%s event %d", user, seq+1)})
		}
	}
	// One synchronous call: it returns when the broker acknowledged every batch.
	if err := write(ctx, w, msgs...); err != nil {
		return err
	}
	fmt.Fprintf(out, "wrote %d messages to %q (%d keys × %d events, %d partitions)\n", len(msgs), topic, *users, *events, len(partitions))
	for u := range *users {
		key := fmt.Sprintf("user-%d", u+1)
		// What the Writer's balancer did: CRC32 of the key modulo the partition count.
		p := w.Balancer.Balance(kafka.Message{Key: []byte(key)}, partitions...)
		fmt.Fprintf(out, "%s → partition %d\n", key, p)
	}
	return nil
}

// Package kafkax holds what every Kafka example repeats: where the broker is, a
// quick reachability check with an error that says what to do, and creating a
// topic (idempotently).
package kafkax

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"time"

	"github.com/segmentio/kafka-go"
)

// DefaultAddr is where `make up` publishes Kafka.
const DefaultAddr = "127.0.0.1:9092"

// Addr is $KAFKA_ADDR, or DefaultAddr.
func Addr() string {
	if a := os.Getenv("KAFKA_ADDR"); a != "" {
		return a
	}
	return DefaultAddr
}

// Ping checks that something listens at addr. kafka-go retries a dead address
// until the context ends; checking first turns that into one clear line.
func Ping(ctx context.Context, addr string) error {
	d := net.Dialer{Timeout: 5 * time.Second}
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return fmt.Errorf("kafka at %s is unreachable (start it with `make up`): %w", addr, err)
	}
	return conn.Close()
}

// CreateTopic creates topic with the given number of partitions (replication
// factor 1: a single broker) unless it exists, then waits until its metadata
// lists every partition with a leader. It returns whether it created the topic.
func CreateTopic(ctx context.Context, addr, topic string, partitions int) (created bool, err error) {
	client := &kafka.Client{Addr: kafka.TCP(addr), Timeout: 10 * time.Second}
	resp, err := client.CreateTopics(ctx, &kafka.CreateTopicsRequest{
		Topics: []kafka.TopicConfig{{Topic: topic, NumPartitions: partitions, ReplicationFactor: 1}},
	})
	if err != nil {
		return false, fmt.Errorf("create topic %q on %s: %w", topic, addr, err)
	}
	switch err := resp.Errors[topic]; {
	case err == nil:
		created = true
	case errors.Is(err, kafka.TopicAlreadyExists):
	default:
		return false, fmt.Errorf("create topic %q on %s: %w", topic, addr, err)
	}
	// Creation is asynchronous: leaders are elected shortly after the answer.
	for {
		meta, err := client.Metadata(ctx, &kafka.MetadataRequest{Topics: []string{topic}})
		if err == nil && len(meta.Topics) == 1 && meta.Topics[0].Error == nil && len(meta.Topics[0].Partitions) >= partitions {
			ready := true
			for _, p := range meta.Topics[0].Partitions {
				ready = ready && p.Error == nil && p.Leader.Host != ""
			}
			if ready {
				return created, nil
			}
		}
		select {
		case <-ctx.Done():
			return created, fmt.Errorf("wait for topic %q on %s: %w", topic, addr, ctx.Err())
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// ReadAll reads every message now in topic, partition by partition, each in offset
// order (for tests and checks: it reads up to the end each partition had when asked).
func ReadAll(ctx context.Context, addr, topic string) ([]kafka.Message, error) {
	client := &kafka.Client{Addr: kafka.TCP(addr), Timeout: 10 * time.Second}
	meta, err := client.Metadata(ctx, &kafka.MetadataRequest{Topics: []string{topic}})
	if err != nil {
		return nil, fmt.Errorf("describe %q on %s: %w", topic, addr, err)
	}
	if len(meta.Topics) != 1 || meta.Topics[0].Error != nil {
		return nil, fmt.Errorf("describe %q on %s: %v", topic, addr, meta.Topics)
	}
	var all []kafka.Message
	for _, p := range meta.Topics[0].Partitions {
		end, err := EndOffset(ctx, addr, topic, p.ID)
		if err != nil {
			return nil, err
		}
		if end == 0 {
			continue
		}
		r := kafka.NewReader(kafka.ReaderConfig{Brokers: []string{addr}, Topic: topic, Partition: p.ID, MaxWait: 200 * time.Millisecond})
		for {
			m, err := r.ReadMessage(ctx)
			if err != nil {
				r.Close()
				return nil, fmt.Errorf("read %s/%d on %s: %w", topic, p.ID, addr, err)
			}
			all = append(all, m)
			if m.Offset >= end-1 {
				break
			}
		}
		if err := r.Close(); err != nil {
			return nil, err
		}
	}
	return all, nil
}

// EndOffset is the offset the next message written to topic/partition will get
// (the "high watermark"): a partition holds offsets below it.
func EndOffset(ctx context.Context, addr, topic string, partition int) (int64, error) {
	conn, err := kafka.DialLeader(ctx, "tcp", addr, topic, partition)
	if err != nil {
		return 0, fmt.Errorf("dial leader of %s/%d via %s: %w", topic, partition, addr, err)
	}
	defer conn.Close()
	end, err := conn.ReadLastOffset()
	if err != nil {
		return 0, fmt.Errorf("end offset of %s/%d via %s: %w", topic, partition, addr, err)
	}
	return end, nil
}

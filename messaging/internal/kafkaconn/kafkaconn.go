// Package kafkaconn holds what every Kafka example repeats: where the broker is, a
// quick reachability check with an error that says what to do, creating a topic
// (idempotently) and asking how many partitions it has.
package kafkaconn

import (
	"context"
	"errors"
	"fmt"
	"net"
	"slices"
	"time"

	"github.com/segmentio/kafka-go"
)

// DefaultAddr is where `make up` publishes Kafka.
const DefaultAddr = "127.0.0.1:9092"

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
// A topic that existed keeps the partition count it has, which may differ from
// partitions: ask Partitions for it.
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
	want := partitions
	if !created {
		want = 1 // an existing topic has the count it has
	}
	// Creation is asynchronous: leaders are elected shortly after the answer.
	for {
		meta, err := client.Metadata(ctx, &kafka.MetadataRequest{Topics: []string{topic}})
		if err == nil && len(meta.Topics) == 1 && meta.Topics[0].Error == nil && len(meta.Topics[0].Partitions) >= want {
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

// Partitions returns the IDs of topic's partitions, in order: 0 … count-1.
func Partitions(ctx context.Context, addr, topic string) ([]int, error) {
	client := &kafka.Client{Addr: kafka.TCP(addr), Timeout: 10 * time.Second}
	meta, err := client.Metadata(ctx, &kafka.MetadataRequest{Topics: []string{topic}})
	if err == nil && (len(meta.Topics) != 1 || meta.Topics[0].Error != nil) {
		err = kafka.UnknownTopicOrPartition
		if len(meta.Topics) == 1 {
			err = meta.Topics[0].Error
		}
	}
	if err != nil {
		return nil, fmt.Errorf("describe topic %q on %s: %w", topic, addr, err)
	}
	var ids []int
	for _, p := range meta.Topics[0].Partitions {
		ids = append(ids, p.ID)
	}
	slices.Sort(ids)
	return ids, nil
}

// ReadAll reads every message now in topic, partition by partition, each in offset
// order (for tests and checks: it reads up to the end each partition had when asked).
func ReadAll(ctx context.Context, addr, topic string) ([]kafka.Message, error) {
	ids, err := Partitions(ctx, addr, topic)
	if err != nil {
		return nil, err
	}
	var all []kafka.Message
	for _, id := range ids {
		end, err := EndOffset(ctx, addr, topic, id)
		if err != nil {
			return nil, err
		}
		if end == 0 {
			continue
		}
		r := kafka.NewReader(kafka.ReaderConfig{Brokers: []string{addr}, Topic: topic, Partition: id, MaxWait: 200 * time.Millisecond})
		for {
			m, err := r.ReadMessage(ctx)
			if err != nil {
				r.Close()
				return nil, fmt.Errorf("read %s/%d on %s: %w", topic, id, addr, err)
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

// Command throughput measures how the kafka-go Writer's batch size drives produce
// throughput (acks=all), against kcat (librdkafka) producing the same messages to
// the same broker in the same run. Each request to the broker costs a round trip;
// batching spreads it over many messages.
//
//	go run ./kafka/throughput -n 20000 -size 100     (needs kcat: apt-get install kcat)
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
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
	cli.Exit("throughput", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("throughput", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", cli.Env("KAFKA_ADDR", kafkaconn.DefaultAddr), "Kafka bootstrap address (env KAFKA_ADDR)")
	prefix := fs.String("prefix", "throughput", "prefix of the topics it creates, one per run")
	n := fs.Int("n", 20000, "messages per run")
	size := fs.Int("size", 100, "value size in bytes")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if *n < 1 {
		return cli.Usagef("-n must be at least 1, got %d", *n)
	}
	if *size < 0 || *size > 1<<20 {
		return cli.Usagef("-size must be 0..1048576 bytes, got %d", *size)
	}
	_, err := measure(ctx, *addr, *prefix, *n, *size, []int{1, 10, 100, 1000}, stdout)
	return err
}

// result is one measured run.
type result struct {
	name  string
	topic string
	rate  float64 // messages per second
}

// measure writes n messages per batch size, then with kcat, each into a fresh topic
// named prefix-<run>-<unix time> with 3 partitions, and prints the rates.
func measure(ctx context.Context, addr, prefix string, n, size int, batchSizes []int, out io.Writer) ([]result, error) {
	if err := kafkaconn.Ping(ctx, addr); err != nil {
		return nil, err
	}
	kcat, err := exec.LookPath("kcat")
	if err != nil {
		return nil, fmt.Errorf("kcat is needed for the comparison (apt-get install kcat): %w", err)
	}
	stamp := time.Now().Unix()
	newTopic := func(name string) (string, error) {
		topic := fmt.Sprintf("%s-%s-%d", prefix, name, stamp)
		_, err := kafkaconn.CreateTopic(ctx, addr, topic, 3)
		return topic, err
	}
	value := bytes.Repeat([]byte("x"), size)
	msgs := make([]kafka.Message, n)
	var lines bytes.Buffer // the same messages as kcat input: key:value per line
	for i := range msgs {
		msgs[i] = kafka.Message{Key: fmt.Appendf(nil, "key-%d", i%100), Value: value}
		fmt.Fprintf(&lines, "%s:%s\n", msgs[i].Key, value)
	}
	fmt.Fprintf(out, "%d messages of %d bytes, 3 partitions, acks=all\n", n, size)

	var results []result
	for _, b := range batchSizes {
		topic, err := newTopic(fmt.Sprintf("batch%d", b))
		if err != nil {
			return nil, err
		}
		w := &kafka.Writer{
			Addr: kafka.TCP(addr), Topic: topic, Balancer: &kafka.CRC32Balancer{},
			RequiredAcks: kafka.RequireAll, BatchSize: b, BatchTimeout: 5 * time.Millisecond,
			BatchBytes: 16 << 20, Transport: &kafka.Transport{},
		}
		start := time.Now()
		// One call with every message: the Writer cuts it into batches of b per
		// partition and keeps one request in flight per partition.
		err = w.WriteMessages(ctx, msgs...)
		elapsed := time.Since(start)
		w.Close()
		if err != nil {
			return nil, fmt.Errorf("batch size %d: write to %q: %w", b, topic, err)
		}
		results = append(results, result{fmt.Sprintf("kafka-go Writer, BatchSize %d", b), topic, float64(n) / elapsed.Seconds()})
	}

	topic, err := newTopic("kcat")
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, kcat, "-P", "-b", addr, "-t", topic, "-K:", "-X", "acks=all", "-X", "linger.ms=5")
	cmd.Stdin = &lines
	start := time.Now()
	if msg, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("kcat -P to %q: %w: %s", topic, err, msg)
	}
	results = append(results, result{"kcat -P (librdkafka), linger.ms=5", topic, float64(n) / time.Since(start).Seconds()})

	kcatRate := results[len(results)-1].rate
	for _, r := range results {
		fmt.Fprintf(out, "%-36s %9.0f msg/s  %4.0f%% of kcat\n", r.name, r.rate, 100*r.rate/kcatRate)
	}
	return results, nil
}

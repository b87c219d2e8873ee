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

	"example.com/cloudgo/messaging/internal/kafkax"
	"github.com/segmentio/kafka-go"
)

func main() {
	addr := flag.String("addr", kafkax.Addr(), "Kafka bootstrap address (env KAFKA_ADDR)")
	n := flag.Int("n", 20000, "messages per run")
	size := flag.Int("size", 100, "value size in bytes")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if _, err := run(ctx, *addr, "throughput", *n, *size, []int{1, 10, 100, 1000}, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "throughput:", err)
		os.Exit(1)
	}
}

// Result is one measured run.
type Result struct {
	Name  string
	Topic string
	Rate  float64 // messages per second
}

// run writes n messages per batch size, then with kcat, each into a fresh topic
// named prefix-<run>-<unix time> with 3 partitions, and prints the rates.
func run(ctx context.Context, addr, prefix string, n, size int, batchSizes []int, out io.Writer) ([]Result, error) {
	if err := kafkax.Ping(ctx, addr); err != nil {
		return nil, err
	}
	kcat, err := exec.LookPath("kcat")
	if err != nil {
		return nil, fmt.Errorf("kcat is needed for the comparison (apt-get install kcat): %w", err)
	}
	stamp := time.Now().Unix()
	newTopic := func(name string) (string, error) {
		topic := fmt.Sprintf("%s-%s-%d", prefix, name, stamp)
		_, err := kafkax.CreateTopic(ctx, addr, topic, 3)
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

	var results []Result
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
		results = append(results, Result{fmt.Sprintf("kafka-go Writer, BatchSize %d", b), topic, float64(n) / elapsed.Seconds()})
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
	results = append(results, Result{"kcat -P (librdkafka), linger.ms=5", topic, float64(n) / time.Since(start).Seconds()})

	kcatRate := results[len(results)-1].Rate
	for _, r := range results {
		fmt.Fprintf(out, "%-36s %9.0f msg/s  %4.0f%% of kcat\n", r.Name, r.Rate, 100*r.Rate/kcatRate)
	}
	return results, nil
}

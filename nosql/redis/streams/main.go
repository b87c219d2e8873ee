// Command streams uses a Redis stream as a durable event log with a consumer
// group: XADD appends, each group member gets different entries (XREADGROUP >),
// XACK marks one done, and entries a dead consumer never acknowledged stay
// pending until another consumer claims them (XAUTOCLAIM).
//
//	go run ./redis/streams -addr redis://127.0.0.1:6379/0   (or REDIS_URL)
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"github.com/redis/go-redis/v9"

	"example.com/cloudgo/nosql/internal/redisconn"
)

func main() {
	addr := flag.String("addr", envOr("REDIS_URL", redisconn.DefaultURL), "Redis URL (redis://[:password@]host:port/db) or host:port")
	prefix := flag.String("prefix", "cloudgo:", "namespace for this program's keys")
	flag.Parse()
	redisconn.Silence()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := run(ctx, *addr, *prefix, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "streams:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, addr, prefix string, out io.Writer) error {
	rdb, err := redisconn.Connect(ctx, addr)
	if err != nil {
		return err
	}
	defer rdb.Close()
	stream, group := prefix+"orders", "billing"
	if err := rdb.Del(ctx, stream).Err(); err != nil {
		return fmt.Errorf("clean up %s: %w", stream, err)
	}
	// The group starts at "$" (only new entries); MKSTREAM creates the stream.
	if err := rdb.XGroupCreateMkStream(ctx, stream, group, "$").Err(); err != nil {
		return fmt.Errorf("create group %s on %s: %w", group, stream, err)
	}
	for i := range 4 {
		// "*": Redis assigns an ID (milliseconds-sequence), increasing forever.
		if err := rdb.XAdd(ctx, &redis.XAddArgs{Stream: stream, Values: map[string]any{"order": fmt.Sprint(101 + i)}}).Err(); err != nil {
			return fmt.Errorf("xadd %s: %w", stream, err)
		}
	}
	fmt.Fprintf(out, "stream length: %d\n", rdb.XLen(ctx, stream).Val())

	read := func(consumer string, count int64) ([]redis.XMessage, error) {
		res, err := rdb.XReadGroup(ctx, &redis.XReadGroupArgs{
			Group: group, Consumer: consumer, Streams: []string{stream, ">"}, Count: count, Block: 100 * time.Millisecond,
		}).Result()
		if errors.Is(err, redis.Nil) {
			return nil, nil
		}
		if err != nil {
			return nil, fmt.Errorf("xreadgroup %s as %s: %w", stream, consumer, err)
		}
		return res[0].Messages, nil
	}
	orders := func(msgs []redis.XMessage) []any {
		var o []any
		for _, m := range msgs {
			o = append(o, m.Values["order"])
		}
		return o
	}

	// Two consumers share the work: each entry goes to one of them.
	a, err := read("worker-a", 2)
	if err != nil {
		return err
	}
	b, err := read("worker-b", 10)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "worker-a got %v, worker-b got %v\n", orders(a), orders(b))

	// worker-b acknowledges its entries; worker-a dies without acknowledging.
	for _, m := range b {
		rdb.XAck(ctx, stream, group, m.ID)
	}
	pending, err := rdb.XPending(ctx, stream, group).Result()
	if err != nil {
		return fmt.Errorf("xpending: %w", err)
	}
	fmt.Fprintf(out, "pending: %d, by consumer: %v\n", pending.Count, pending.Consumers)

	// worker-b claims what has been pending longer than MinIdle (0 here, to keep
	// the demo short; production waits for a timeout) and finishes it.
	claimed, _, err := rdb.XAutoClaim(ctx, &redis.XAutoClaimArgs{
		Stream: stream, Group: group, Consumer: "worker-b", MinIdle: 0, Start: "0",
	}).Result()
	if err != nil {
		return fmt.Errorf("xautoclaim: %w", err)
	}
	for _, m := range claimed {
		rdb.XAck(ctx, stream, group, m.ID)
	}
	fmt.Fprintf(out, "worker-b claimed %v and acknowledged them\n", orders(claimed))
	fmt.Fprintf(out, "pending now: %d; the stream still holds %d entries (XTRIM/MAXLEN removes them)\n",
		rdb.XPending(ctx, stream, group).Val().Count, rdb.XLen(ctx, stream).Val())
	return nil
}

func envOr(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}

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
	"syscall"
	"time"

	"github.com/redis/go-redis/v9"

	"example.com/cloudgo/nosql/internal/cli"
	"example.com/cloudgo/nosql/internal/redisconn"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("streams", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("streams", flag.ContinueOnError)
	fs.SetOutput(stderr)
	conn := redisconn.RegisterFlags(fs, 30*time.Second)
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if err := conn.Check(); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, conn.Timeout)
	defer cancel()
	redisconn.Silence()
	return walk(ctx, conn.Addr, conn.Prefix, stdout)
}

func walk(ctx context.Context, addr, prefix string, out io.Writer) error {
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
	length, err := rdb.XLen(ctx, stream).Result()
	if err != nil {
		return fmt.Errorf("xlen %s: %w", stream, err)
	}
	fmt.Fprintf(out, "stream length: %d\n", length)

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

	// ack marks entries done. An entry that stays unacknowledged is delivered again
	// (after a claim): a failed XACK means duplicate work, so it is an error.
	ack := func(msgs []redis.XMessage) error {
		for _, m := range msgs {
			n, err := rdb.XAck(ctx, stream, group, m.ID).Result()
			if err != nil {
				return fmt.Errorf("xack %s %s: %w", stream, m.ID, err)
			}
			if n != 1 {
				return fmt.Errorf("xack %s %s: the entry was not pending", stream, m.ID)
			}
		}
		return nil
	}
	// worker-b acknowledges its entries; worker-a dies without acknowledging.
	if err := ack(b); err != nil {
		return err
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
	if err := ack(claimed); err != nil {
		return err
	}
	fmt.Fprintf(out, "worker-b claimed %v and acknowledged them\n", orders(claimed))
	if pending, err = rdb.XPending(ctx, stream, group).Result(); err != nil {
		return fmt.Errorf("xpending %s: %w", stream, err)
	}
	if length, err = rdb.XLen(ctx, stream).Result(); err != nil {
		return fmt.Errorf("xlen %s: %w", stream, err)
	}
	fmt.Fprintf(out, "pending now: %d; the stream still holds %d entries (XTRIM/MAXLEN removes them)\n", pending.Count, length)
	return nil
}

// Command pubsub shows Redis publish/subscribe: a message goes to every client
// subscribed to its channel (or to a matching pattern) at that moment. It is
// fire-and-forget: a subscriber that is not connected never sees the message.
// For messages that must not be lost, use a stream (../streams).
//
//	go run ./redis/pubsub -addr redis://127.0.0.1:6379/0   (or REDIS_URL)
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"example.com/cloudgo/nosql/internal/redisconn"
)

func main() {
	addr := flag.String("addr", envOr("REDIS_URL", redisconn.DefaultURL), "Redis URL (redis://[:password@]host:port/db) or host:port")
	prefix := flag.String("prefix", "cloudgo:", "namespace for this program's channels")
	flag.Parse()
	redisconn.Silence()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := run(ctx, *addr, *prefix, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "pubsub:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, addr, prefix string, out io.Writer) error {
	rdb, err := redisconn.Connect(ctx, addr)
	if err != nil {
		return err
	}
	defer rdb.Close()
	news := prefix + "news"

	// Published before anyone listens: nobody receives it.
	n, err := rdb.Publish(ctx, news, "too early").Result()
	if err != nil {
		return fmt.Errorf("publish to %s: %w", news, err)
	}
	fmt.Fprintf(out, "publish before subscribing: %d receivers\n", n)

	// A subscription holds a connection of its own. Receive waits for Redis to
	// confirm it, so nothing published afterwards can be missed.
	sub := rdb.PSubscribe(ctx, prefix+"news*")
	defer sub.Close()
	if _, err := sub.Receive(ctx); err != nil {
		return fmt.Errorf("subscribe to %snews*: %w", prefix, err)
	}
	for _, ch := range []string{news, news + ":sport", news} {
		if err := rdb.Publish(ctx, ch, "hello from "+ch[len(prefix):]).Err(); err != nil {
			return fmt.Errorf("publish to %s: %w", ch, err)
		}
	}
	msgs := sub.Channel()
	for range 3 {
		select {
		case m := <-msgs:
			fmt.Fprintf(out, "received on %s: %q\n", m.Channel[len(prefix):], m.Payload)
		case <-time.After(5 * time.Second):
			return fmt.Errorf("no message on %snews* within 5s", prefix)
		}
	}
	return nil
}

func envOr(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}

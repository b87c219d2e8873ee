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
	"syscall"
	"time"

	"example.com/cloudgo/nosql/internal/cli"
	"example.com/cloudgo/nosql/internal/redisconn"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("pubsub", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("pubsub", flag.ContinueOnError)
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

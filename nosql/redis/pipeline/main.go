// Command pipeline sends 1000 commands to Redis two ways: one round trip each,
// and all in one pipeline (written together, answers read together). Redis
// executes each command in microseconds; a round trip costs far more, so the
// pipeline is many times faster. Unlike MULTI/EXEC a pipeline is not atomic:
// other clients' commands may run in between.
//
//	go run ./redis/pipeline -addr redis://127.0.0.1:6379/0   (or REDIS_URL)
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/redis/go-redis/v9"

	"example.com/cloudgo/nosql/internal/cli"
	"example.com/cloudgo/nosql/internal/redisconn"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("pipeline", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("pipeline", flag.ContinueOnError)
	fs.SetOutput(stderr)
	conn := redisconn.RegisterFlags(fs, time.Minute)
	n := fs.Int("n", 1000, "commands per run")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if err := conn.Check(); err != nil {
		return err
	}
	if *n < 1 || *n > 10_000_000 {
		return cli.Usagef("-n must be 1..10000000, got %d", *n)
	}
	ctx, cancel := context.WithTimeout(ctx, conn.Timeout)
	defer cancel()
	redisconn.Silence()
	return walk(ctx, conn.Addr, conn.Prefix, *n, stdout)
}

// roundTrips sets n keys with one round trip per SET.
func roundTrips(ctx context.Context, rdb *redis.Client, prefix string, n int) error {
	for i := range n {
		if err := rdb.Set(ctx, prefix+strconv.Itoa(i), i, 0).Err(); err != nil {
			return fmt.Errorf("set %s%d: %w", prefix, i, err)
		}
	}
	return nil
}

// pipelined sets the same n keys in one pipeline: one write, one read.
func pipelined(ctx context.Context, rdb *redis.Client, prefix string, n int) error {
	cmds, err := rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i := range n {
			p.Set(ctx, prefix+strconv.Itoa(i), i, 0)
		}
		return nil
	})
	if err != nil {
		// Each command has its own result; the error is the first failure.
		return fmt.Errorf("pipeline of %d SETs: %w", len(cmds), err)
	}
	return nil
}

func walk(ctx context.Context, addr, prefix string, n int, out io.Writer) error {
	rdb, err := redisconn.Connect(ctx, addr)
	if err != nil {
		return err
	}
	defer rdb.Close()
	keys := prefix + "pipe:"

	start := time.Now()
	if err := roundTrips(ctx, rdb, keys, n); err != nil {
		return err
	}
	one := time.Since(start)
	start = time.Now()
	if err := pipelined(ctx, rdb, keys, n); err != nil {
		return err
	}
	piped := time.Since(start)

	fmt.Fprintf(out, "%d SETs one by one: %v\n", n, one.Round(time.Millisecond))
	fmt.Fprintf(out, "%d SETs pipelined:  %v\n", n, piped.Round(100*time.Microsecond))
	fmt.Fprintf(out, "pipelined is %.0f× faster\n", one.Seconds()/piped.Seconds())
	return nil
}

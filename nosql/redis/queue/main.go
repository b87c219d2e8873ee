// Command queue is a reliable work queue on Redis lists. A worker takes a job
// with BLMOVE, which moves it atomically from the queue to a "processing" list
// (blocking while the queue is empty), and deletes it from there only when the
// job is done. A worker that dies mid-job leaves the job in "processing", from
// where a reaper puts it back, so no job is lost (it may run twice: make jobs
// idempotent). A plain BRPOP would lose it.
//
//	go run ./redis/queue -addr redis://127.0.0.1:6379/0   (or REDIS_URL)
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
	cli.Exit("queue", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("queue", flag.ContinueOnError)
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
	q := queue{rdb: rdb, pending: prefix + "jobs", processing: prefix + "jobs:processing"}
	if err := rdb.Del(ctx, q.pending, q.processing).Err(); err != nil {
		return fmt.Errorf("clean up: %w", err)
	}
	if err := q.push(ctx, "resize photo-1", "resize photo-2", "resize photo-3"); err != nil {
		return err
	}

	// Worker A takes a job and "crashes": it never calls Done.
	job, _, err := q.take(ctx, time.Second)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "worker A took %q and crashed\n", job)
	fmt.Fprintf(out, "queued: %d, processing: %v\n", rdb.LLen(ctx, q.pending).Val(), rdb.LRange(ctx, q.processing, 0, -1).Val())

	n, err := q.requeue(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "reaper put %d job(s) back\n", n)

	// Worker B drains the queue, acknowledging each job; the first is A's.
	for {
		job, ok, err := q.take(ctx, 200*time.Millisecond)
		if err != nil {
			return err
		}
		if !ok {
			fmt.Fprintln(out, "worker B: queue empty after waiting 200ms")
			break
		}
		if err := q.done(ctx, job); err != nil {
			return err
		}
		fmt.Fprintf(out, "worker B did %q\n", job)
	}
	fmt.Fprintf(out, "queued: %d, processing: %d\n", rdb.LLen(ctx, q.pending).Val(), rdb.LLen(ctx, q.processing).Val())
	return nil
}

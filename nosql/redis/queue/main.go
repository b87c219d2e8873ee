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

// queue is a list of pending jobs plus a list of jobs being processed.
type queue struct {
	rdb                 *redis.Client
	pending, processing string
}

// Push appends a job (LPUSH: new jobs enter on the left, workers take from the right).
func (q queue) push(ctx context.Context, jobs ...string) error {
	args := make([]any, len(jobs))
	for i, j := range jobs {
		args[i] = j
	}
	if err := q.rdb.LPush(ctx, q.pending, args...).Err(); err != nil {
		return fmt.Errorf("push to %s: %w", q.pending, err)
	}
	return nil
}

// Take waits up to wait for a job and moves it to the processing list in the
// same atomic step. ok is false when the queue stayed empty.
func (q queue) take(ctx context.Context, wait time.Duration) (job string, ok bool, err error) {
	job, err = q.rdb.BLMove(ctx, q.pending, q.processing, "RIGHT", "LEFT", wait).Result()
	if errors.Is(err, redis.Nil) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("take from %s: %w", q.pending, err)
	}
	return job, true, nil
}

// Done acknowledges a job: only now does it leave Redis.
func (q queue) done(ctx context.Context, job string) error {
	if err := q.rdb.LRem(ctx, q.processing, 1, job).Err(); err != nil {
		return fmt.Errorf("ack %q in %s: %w", job, q.processing, err)
	}
	return nil
}

// Requeue moves every job left in processing back to the queue: run it when the
// workers that held them are known to be dead (a real system tracks a deadline
// per job; here the whole list is reclaimed).
func (q queue) requeue(ctx context.Context) (int, error) {
	n := 0
	for {
		err := q.rdb.LMove(ctx, q.processing, q.pending, "RIGHT", "RIGHT").Err()
		if errors.Is(err, redis.Nil) {
			return n, nil
		}
		if err != nil {
			return n, fmt.Errorf("requeue from %s: %w", q.processing, err)
		}
		n++
	}
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

package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

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

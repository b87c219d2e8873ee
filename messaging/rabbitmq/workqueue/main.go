// Command workqueue distributes tasks among workers. The queue is a durable quorum
// queue and the messages are persistent, so tasks survive a broker restart; workers
// ack by hand after the work is done, so a crashed worker's task goes to another;
// and Qos(1) gives a worker a new task only when it has acked the last one ("fair
// dispatch"), so a slow worker does not pile up work the fast ones could do.
//
//	go run ./rabbitmq/workqueue -tasks 20 -prefetch 1   (-prefetch 0: round robin, unfair)
package main

import (
	"context"
	"crypto/rand"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"example.com/cloudgo/messaging/internal/amqpconn"
	"example.com/cloudgo/messaging/internal/cli"
	amqp "github.com/rabbitmq/amqp091-go"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("workqueue", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// config says how much work there is and how the two workers behave; prefetch
// is how many unacked messages a worker may hold (0: unlimited).
type config struct {
	queue           string
	tasks, prefetch int
	slow, fast      time.Duration
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("workqueue", flag.ContinueOnError)
	fs.SetOutput(stderr)
	url := fs.String("url", cli.Env("RABBITMQ_URL", amqpconn.DefaultURL), "AMQP URL (env RABBITMQ_URL)")
	var cfg config
	fs.StringVar(&cfg.queue, "queue", "task_queue", "work queue (a durable quorum queue)")
	fs.IntVar(&cfg.tasks, "tasks", 20, "number of tasks to send")
	fs.IntVar(&cfg.prefetch, "prefetch", 1, "Qos prefetch count per worker (0 = unlimited)")
	fs.DurationVar(&cfg.slow, "slow", 200*time.Millisecond, "time the slow worker takes per task")
	fs.DurationVar(&cfg.fast, "fast", 10*time.Millisecond, "time the fast worker takes per task")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	switch {
	case cfg.tasks < 1:
		return cli.Usagef("-tasks must be at least 1, got %d", cfg.tasks)
	case cfg.prefetch < 0 || cfg.prefetch > 65535: // basic.qos carries a 16-bit count
		return cli.Usagef("-prefetch must be 0..65535, got %d", cfg.prefetch)
	case cfg.slow < 0 || cfg.fast < 0:
		return cli.Usagef("-slow and -fast must not be negative, got %v and %v", cfg.slow, cfg.fast)
	}
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	perWorker, _, err := work(ctx, *url, cfg)
	if err == nil {
		fmt.Fprintf(stdout, "sent %d tasks to %s (prefetch %d)\nworker 1 (slow, %v/task): %d tasks\nworker 2 (fast, %v/task): %d tasks\n",
			cfg.tasks, cfg.queue, cfg.prefetch, cfg.slow, perWorker[0], cfg.fast, perWorker[1])
	}
	return err
}

// work sends cfg.tasks tasks, lets two workers do them, and returns how many of
// them each worker did and how often each was done. Only this run's tasks count:
// tasks an interrupted earlier run left in the queue are work too (purging would
// throw them away), so they are done and acked, but not counted.
func work(ctx context.Context, url string, cfg config) (perWorker [2]int, done map[string]int, err error) {
	conn, err := amqpconn.Dial(url, amqp.Config{})
	if err != nil {
		return perWorker, nil, err
	}
	defer conn.Close()
	runID := rand.Text()[:8] + "/"
	var (
		mu       sync.Mutex // guards perWorker and done
		finished = make(chan struct{})
		finish   = sync.OnceFunc(func() { close(finished) })
		wg       sync.WaitGroup
	)
	// stop ends the workers: cancelling consuming cancels their consumers, and
	// closing their channels (deferred) gives unacked tasks back to the queue.
	// After stop, nothing writes perWorker or done.
	consuming, stopConsuming := context.WithCancel(ctx)
	stop := func() { stopConsuming(); wg.Wait() }
	defer stop()
	done = map[string]int{}
	speeds := [2]time.Duration{cfg.slow, cfg.fast}
	for w := range 2 {
		// Each worker has its own channel: Qos applies per channel (per consumer).
		// The queue is a durable quorum queue, declared by every party that uses it.
		ch, err := amqpconn.QuorumChannel(conn, cfg.queue, cfg.prefetch)
		if err != nil {
			return [2]int{}, nil, err
		}
		defer ch.Close()
		msgs, err := ch.ConsumeWithContext(consuming, cfg.queue, "", false, false, false, false, nil)
		if err != nil {
			return [2]int{}, nil, fmt.Errorf("consume from %q: %w", cfg.queue, err)
		}
		wg.Go(func() {
			for d := range msgs {
				time.Sleep(speeds[w]) // the "work"
				// Ack only after the work: until then RabbitMQ keeps the task, and
				// with Qos(1) it sends this worker nothing else.
				if d.Ack(false) != nil || !strings.HasPrefix(d.MessageId, runID) {
					continue // an earlier run's task: done, not counted
				}
				mu.Lock()
				perWorker[w]++
				done[string(d.Body)]++
				if len(done) == cfg.tasks {
					finish()
				}
				mu.Unlock()
			}
		})
	}
	pub, err := amqpconn.QuorumChannel(conn, cfg.queue, cfg.prefetch)
	if err != nil {
		return [2]int{}, nil, err
	}
	defer pub.Close()
	for i := range cfg.tasks {
		body := fmt.Sprintf("task %d", i+1)
		// Persistent: a quorum queue stores every message anyway; for classic
		// durable queues this is what makes the message survive a restart.
		if err := pub.PublishWithContext(ctx, "", cfg.queue, false, false, amqp.Publishing{
			DeliveryMode: amqp.Persistent, MessageId: runID + body, Body: []byte(body)}); err != nil {
			return [2]int{}, nil, fmt.Errorf("publish %s to %q: %w", body, cfg.queue, err)
		}
	}
	select {
	case <-finished:
	case <-ctx.Done():
		err = fmt.Errorf("waiting for workers on %q: %w", cfg.queue, ctx.Err())
	}
	stop()
	return perWorker, done, err
}

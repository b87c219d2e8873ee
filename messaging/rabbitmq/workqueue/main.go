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
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"example.com/cloudgo/messaging/internal/rmq"
	amqp "github.com/rabbitmq/amqp091-go"
)

// Config says how much work there is and how the two workers behave.
type Config struct {
	Queue    string
	Tasks    int
	Prefetch int           // unacked messages a worker may hold; 0 means unlimited
	Slow     time.Duration // time worker 1 spends per task
	Fast     time.Duration // time worker 2 spends per task
}

func main() {
	url := flag.String("url", rmq.URL(), "AMQP URL (env RABBITMQ_URL)")
	cfg := Config{}
	flag.StringVar(&cfg.Queue, "queue", "task_queue", "work queue (a durable quorum queue)")
	flag.IntVar(&cfg.Tasks, "tasks", 20, "number of tasks to send")
	flag.IntVar(&cfg.Prefetch, "prefetch", 1, "Qos prefetch count per worker (0 = unlimited)")
	flag.DurationVar(&cfg.Slow, "slow", 200*time.Millisecond, "time the slow worker takes per task")
	flag.DurationVar(&cfg.Fast, "fast", 10*time.Millisecond, "time the fast worker takes per task")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if _, _, err := run(ctx, *url, cfg, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "workqueue:", err)
		os.Exit(1)
	}
}

// run returns how many tasks each worker did and how often each task was done.
func run(ctx context.Context, url string, cfg Config, out io.Writer) (perWorker [2]int, done map[string]int, err error) {
	conn, err := rmq.Dial(url, amqp.Config{})
	if err != nil {
		return perWorker, nil, err
	}
	defer conn.Close()
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()

	var (
		mu        sync.Mutex
		remaining = cfg.Tasks
		finished  = make(chan struct{})
		wg        sync.WaitGroup
	)
	done = map[string]int{}
	speeds := [2]time.Duration{cfg.Slow, cfg.Fast}
	for w := range 2 {
		// Each worker has its own channel: Qos applies per channel (per consumer).
		ch, err := openWorkChannel(conn, cfg)
		if err != nil {
			return perWorker, nil, err
		}
		defer ch.Close()
		msgs, err := ch.ConsumeWithContext(ctx, cfg.Queue, "", false, false, false, false, nil)
		if err != nil {
			return perWorker, nil, fmt.Errorf("consume from %q: %w", cfg.Queue, err)
		}
		wg.Go(func() {
			for d := range msgs {
				time.Sleep(speeds[w]) // the "work"
				// Ack only after the work: until then RabbitMQ keeps the task, and
				// with Qos(1) it sends this worker nothing else.
				if err := d.Ack(false); err != nil {
					return
				}
				mu.Lock()
				perWorker[w]++
				done[string(d.Body)]++
				remaining--
				if remaining == 0 {
					close(finished)
				}
				mu.Unlock()
			}
		})
	}

	pub, err := openWorkChannel(conn, cfg)
	if err != nil {
		return perWorker, nil, err
	}
	defer pub.Close()
	for i := range cfg.Tasks {
		body := fmt.Sprintf("task %d", i+1)
		pctx, pcancel := context.WithTimeout(ctx, 5*time.Second)
		// Persistent: a quorum queue stores every message anyway; for classic
		// durable queues this is what makes the message survive a restart.
		err := pub.PublishWithContext(pctx, "", cfg.Queue, false, false, amqp.Publishing{
			DeliveryMode: amqp.Persistent,
			ContentType:  "text/plain",
			Body:         []byte(body),
		})
		pcancel()
		if err != nil {
			return perWorker, nil, fmt.Errorf("publish %s to %q: %w", body, cfg.Queue, err)
		}
	}
	fmt.Fprintf(out, "sent %d tasks to %s (prefetch %d)\n", cfg.Tasks, cfg.Queue, cfg.Prefetch)

	select {
	case <-finished:
	case <-ctx.Done():
		return perWorker, nil, fmt.Errorf("waiting for workers: %w", ctx.Err())
	}
	cancel() // stops both consumers; their loops end when msgs closes
	wg.Wait()
	mu.Lock()
	defer mu.Unlock()
	for w, name := range []string{"slow", "fast"} {
		fmt.Fprintf(out, "worker %d (%s, %v/task): %d tasks\n", w+1, name, speeds[w], perWorker[w])
	}
	return perWorker, done, nil
}

// openWorkChannel opens a channel, sets its prefetch and declares the durable
// quorum queue (idempotent: every party declares what it uses).
func openWorkChannel(conn *amqp.Connection, cfg Config) (*amqp.Channel, error) {
	ch, err := conn.Channel()
	if err != nil {
		return nil, fmt.Errorf("open channel: %w", err)
	}
	// Quorum queues are replicated (Raft) and durable by design: the queue type to
	// use when losing messages is not an option. They must be durable, non-exclusive.
	_, err = ch.QueueDeclare(cfg.Queue, true, false, false, false, amqp.Table{amqp.QueueTypeArg: amqp.QueueTypeQuorum})
	if err == nil {
		err = ch.Qos(cfg.Prefetch, 0, false)
	}
	if err != nil {
		return nil, errors.Join(fmt.Errorf("set up queue %q: %w", cfg.Queue, err), ch.Close())
	}
	return ch, nil
}

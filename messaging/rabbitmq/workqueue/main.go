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
	"errors"
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
		fmt.Fprintf(stdout, "sent %d tasks to %s (prefetch %d)\n", cfg.tasks, cfg.queue, cfg.prefetch)
		fmt.Fprintf(stdout, "worker 1 (slow, %v/task): %d tasks\n", cfg.slow, perWorker[0])
		fmt.Fprintf(stdout, "worker 2 (fast, %v/task): %d tasks\n", cfg.fast, perWorker[1])
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
		chans    []*amqp.Channel
	)
	// stop ends the workers: closing a channel ends its consumer (and gives its
	// unacked task back to the queue). After it, nothing writes perWorker or done.
	stop := func() {
		for _, ch := range chans {
			ch.Close()
		}
		wg.Wait()
	}
	defer stop()
	done = map[string]int{}
	speeds := [2]time.Duration{cfg.slow, cfg.fast}
	for w := range 2 {
		// Each worker has its own channel: Qos applies per channel (per consumer).
		ch, err := openWorkChannel(conn, cfg)
		if err != nil {
			return [2]int{}, nil, err
		}
		chans = append(chans, ch)
		msgs, err := ch.Consume(cfg.queue, "", false, false, false, false, nil)
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

	pub, err := openWorkChannel(conn, cfg)
	if err != nil {
		return [2]int{}, nil, err
	}
	defer pub.Close()
	for i := range cfg.tasks {
		body := fmt.Sprintf("task %d", i+1)
		pctx, pcancel := context.WithTimeout(ctx, 5*time.Second)
		// Persistent: a quorum queue stores every message anyway; for classic
		// durable queues this is what makes the message survive a restart.
		err := pub.PublishWithContext(pctx, "", cfg.queue, false, false, amqp.Publishing{
			DeliveryMode: amqp.Persistent, MessageId: runID + body, Body: []byte(body)})
		pcancel()
		if err != nil {
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

// openWorkChannel opens a channel, sets its prefetch and declares the durable
// quorum queue (idempotent: every party declares what it uses).
func openWorkChannel(conn *amqp.Connection, cfg config) (*amqp.Channel, error) {
	ch, err := conn.Channel()
	if err != nil {
		return nil, fmt.Errorf("open channel: %w", err)
	}
	// Quorum queues are replicated (Raft) and durable by design: the queue type to
	// use when losing messages is not an option. They must be durable, non-exclusive.
	_, err = ch.QueueDeclare(cfg.queue, true, false, false, false, amqp.Table{amqp.QueueTypeArg: amqp.QueueTypeQuorum})
	if err == nil {
		err = ch.Qos(cfg.prefetch, 0, false) // per consumer: global Qos is gone in RabbitMQ 4
	}
	if err != nil {
		return nil, errors.Join(fmt.Errorf("set up queue %q: %w", cfg.queue, err), ch.Close())
	}
	return ch, nil
}

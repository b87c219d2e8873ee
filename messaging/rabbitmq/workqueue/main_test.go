package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/rabbitmqtest"
	"example.com/cloudgo/messaging/internal/amqpconn"
	"example.com/cloudgo/messaging/internal/amqptest"
	"example.com/cloudgo/messaging/internal/cli"
	amqp "github.com/rabbitmq/amqp091-go"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

// TestFairDispatch: with Qos(1) the slow worker gets only the few tasks it can take
// while the fast one drains the rest; every task is done exactly once.
func TestFairDispatch(t *testing.T) {
	url := rabbitmqtest.URL(t)
	cfg := config{queue: kit.Name(t, "tasks", "-", 0), tasks: 20, prefetch: 1, slow: 300 * time.Millisecond, fast: 5 * time.Millisecond}
	amqptest.DeleteQueues(t, url, cfg.queue)
	var out strings.Builder
	args := []string{"-url", url, "-queue", cfg.queue, "-tasks", "20", "-prefetch", "1", "-slow", "300ms", "-fast", "5ms"}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := run(ctx, args, &out, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), "sent 20 tasks to "+cfg.queue+" (prefetch 1)\nworker 1 (slow, 300ms/task): ") {
		t.Errorf("output:\n%s", out.String())
	}
	per, _ := mustWork(t, url, cfg)
	if per[0] > 5 {
		t.Errorf("slow worker did %d of 20 tasks with prefetch 1, want ≤ 5 (fast worker: %d)", per[0], per[1])
	}
	// Round robin (no prefetch limit) is the contrast: RabbitMQ pushes half the
	// tasks to each consumer at once, however slow it is.
	cfg.queue = kit.Name(t, "rr", "-", 0)
	amqptest.DeleteQueues(t, url, cfg.queue)
	cfg.prefetch = 0
	cfg.slow = 30 * time.Millisecond
	per, _ = mustWork(t, url, cfg)
	if per[0] != 10 || per[1] != 10 {
		t.Errorf("without prefetch the split is %v, want round robin [10 10]", per)
	}
}

// TestLeftoversNotCounted (issue 13.14): tasks an interrupted earlier run left in
// the queue are not counted as this run's; this run's tasks are each done once.
// Before the fix the leftovers ("task 1" … "task 5" again) were counted, and the
// run stopped before its own tasks were done.
func TestLeftoversNotCounted(t *testing.T) {
	url := rabbitmqtest.URL(t)
	cfg := config{queue: kit.Name(t, "tasks", "-", 0), tasks: 10, prefetch: 1, slow: 5 * time.Millisecond, fast: 5 * time.Millisecond}
	amqptest.DeleteQueues(t, url, cfg.queue)
	conn, err := amqpconn.Dial(url, amqp.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	ch, err := amqpconn.QuorumChannel(conn, cfg.queue, cfg.prefetch)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		body := fmt.Appendf(nil, "task %d", i+1)
		if err := ch.PublishWithContext(context.Background(), "", cfg.queue, false, false, amqp.Publishing{MessageId: "old/" + string(body), Body: body}); err != nil {
			t.Fatal(err)
		}
	}
	per, _ := mustWork(t, url, cfg)
	if per[0]+per[1] != cfg.tasks {
		t.Errorf("workers counted %v tasks, want %d in all", per, cfg.tasks)
	}
	if q, err := ch.QueueDeclarePassive(cfg.queue, true, false, false, false, amqp.Table{amqp.QueueTypeArg: amqp.QueueTypeQuorum}); err != nil || q.Messages != 0 {
		t.Errorf("queue holds %d tasks after the run (%v), want 0: the leftovers are work too", q.Messages, err)
	}
}

// TestTimeoutNoRace (issue 13.14): when the workers do not finish in time, work
// returns an error, and reads the counters only after the workers stopped (under
// -race, the old unguarded read of perWorker was a data race).
func TestTimeoutNoRace(t *testing.T) {
	url := rabbitmqtest.URL(t)
	cfg := config{queue: kit.Name(t, "tasks", "-", 0), tasks: 40, prefetch: 1, slow: 100 * time.Millisecond, fast: 100 * time.Millisecond}
	amqptest.DeleteQueues(t, url, cfg.queue)
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_, _, err := work(ctx, url, cfg)
	if err == nil || !strings.Contains(err.Error(), "waiting for workers") {
		t.Fatalf("want a timeout waiting for the workers, got %v", err)
	}
}

func mustWork(t *testing.T, url string, cfg config) ([2]int, map[string]int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	per, done, err := work(ctx, url, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(done) != cfg.tasks {
		t.Errorf("%d distinct tasks done, want %d", len(done), cfg.tasks)
	}
	for task, n := range done {
		if n != 1 {
			t.Errorf("%s done %d times, want once", task, n)
		}
	}
	return per, done
}

// TestBadFlags (issue 13.15): a bad flag or flag value is a usage error (exit
// status 2) with a message, never a panic, a hang or a broker call (the address
// here is unreachable, which would be exit status 1).
func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"-tasks", "0"},
		{"-tasks", "-1"},
		{"-prefetch", "-1"},
		{"-prefetch", "70000"},
		{"-slow", "-1s"},
		{"-fast", "-1ms"},
		{"-tasks", "x"},
		{"-no-such-flag"},
	} {
		var stderr strings.Builder
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		err := run(ctx, append([]string{"-url", "amqp://guest:guest@127.0.0.1:1/"}, args...), io.Discard, &stderr)
		cancel()
		if cli.Code(err) != 2 || err.Error() == "" {
			t.Errorf("%q: got %v (exit %d), want a usage error (exit 2)", args, err, cli.Code(err))
		}
	}
}

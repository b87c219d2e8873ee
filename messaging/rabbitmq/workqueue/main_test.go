package main

import (
	"context"
	"io"
	"os"
	"testing"
	"time"

	"example.com/cloudgo/messaging/internal/testenv"
)

func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }

// TestFairDispatch: with Qos(1) the slow worker gets only the few tasks it can take
// while the fast one drains the rest; every task is done exactly once.
func TestFairDispatch(t *testing.T) {
	if testing.Short() {
		t.Skip("needs RabbitMQ (a container); run without -short")
	}
	url := testenv.RabbitMQ(t)
	cfg := Config{Queue: testenv.Name(t, "tasks"), Tasks: 20, Prefetch: 1, Slow: 300 * time.Millisecond, Fast: 5 * time.Millisecond}
	per, _ := mustRun(t, url, cfg)
	if per[0] > 5 {
		t.Errorf("slow worker did %d of 20 tasks with prefetch 1, want ≤ 5 (fast worker: %d)", per[0], per[1])
	}
	// Round robin (no prefetch limit) is the contrast: RabbitMQ pushes half the
	// tasks to each consumer at once, however slow it is.
	cfg.Queue = testenv.Name(t, "rr")
	cfg.Prefetch = 0
	cfg.Slow = 30 * time.Millisecond
	per, _ = mustRun(t, url, cfg)
	if per[0] != 10 || per[1] != 10 {
		t.Errorf("without prefetch the split is %v, want round robin [10 10]", per)
	}
}

func mustRun(t *testing.T, url string, cfg Config) ([2]int, map[string]int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	per, done, err := run(ctx, url, cfg, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if len(done) != cfg.Tasks {
		t.Errorf("%d distinct tasks done, want %d", len(done), cfg.Tasks)
	}
	for task, n := range done {
		if n != 1 {
			t.Errorf("%s done %d times, want once", task, n)
		}
	}
	return per, done
}

package main

import (
	"context"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/rabbitmqtest"
	"example.com/cloudgo/messaging/internal/amqptest"
	"example.com/cloudgo/messaging/internal/cli"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

// TestRun: each strategy gets every message confirmed and into the queue (run
// checks the queue's count), and batching beats waiting for each confirm.
func TestRun(t *testing.T) {
	url := rabbitmqtest.URL(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	queue := kit.Name(t, "q", "-", 0)
	amqptest.DeleteQueues(t, url, queue)
	var out strings.Builder
	if err := run(ctx, []string{"-url", url, "-queue", queue, "-n", "300", "-batch", "50"}, &out, &out); err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + out.String())
	var rates []float64
	for _, m := range regexp.MustCompile(`(?m)^(one by one|batched|async) +300 msgs in .* = (\d+) msg/s`).FindAllStringSubmatch(out.String(), -1) {
		r, _ := strconv.ParseFloat(m[2], 64)
		rates = append(rates, r)
	}
	if len(rates) != 3 {
		t.Fatalf("got %d rates, want 3:\n%s", len(rates), out.String())
	}
	// Only a loose bound: the machine is shared, and what matters is the order
	// of magnitude a round trip per message costs.
	if rates[1] < rates[0] || rates[2] < rates[0] {
		t.Errorf("batched (%.0f/s) and async (%.0f/s) should beat one by one (%.0f/s)", rates[1], rates[2], rates[0])
	}
}

// TestBadFlags (issue 13.15): a bad flag or flag value is a usage error (exit
// status 2) with a message, never a panic, a hang or a broker call (the address
// here is unreachable, which would be exit status 1).
func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"-batch", "0"},
		{"-batch", "-1"},
		{"-n", "0"},
		{"-n", "-5"},
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

package main

import (
	"context"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/rabbitmqtest"
	"example.com/cloudgo/messaging/internal/amqptest"
	"example.com/cloudgo/messaging/internal/cli"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

// TestRun: without a restart, every message is confirmed once and consumed once.
// (The restart itself is tested in package recovery, on a broker of its own.)
func TestRun(t *testing.T) {
	url := rabbitmqtest.URL(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	queue := kit.Name(t, "q", "-", 0)
	amqptest.DeleteQueues(t, url, queue)
	var out strings.Builder
	if err := run(ctx, []string{"-url", url, "-queue", queue, "-n", "500"}, &out, &out); err != nil {
		t.Fatal(err)
	}
	want := "published 500 messages, all confirmed; 0 republished after a lost confirm\n" +
		"consumed 500 distinct message ids, 0 duplicates\n"
	if got := out.String(); got != want {
		t.Errorf("output differs\n got:\n%s\nwant:\n%s", got, want)
	}
}

// TestBadFlags (issue 13.15): a bad flag or flag value is a usage error (exit
// status 2) with a message, never a panic, a hang or a broker call (the address
// here is unreachable, which would be exit status 1).
func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"-n", "0"},
		{"-batch", "0"},
		{"-batch", "-1"},
		{"-interval", "-1s"},
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

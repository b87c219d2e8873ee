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

func TestRun(t *testing.T) {
	url := rabbitmqtest.URL(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	queue := kit.Name(t, "rpc", "-", 0)
	amqptest.DeleteQueues(t, url, queue)
	amqptest.RPCServer(t, ctx, url, queue)
	var out strings.Builder
	if err := run(ctx, []string{"-url", url, "-queue", queue, "1", "bad", "30"}, &out, &out); err != nil {
		t.Fatal(err)
	}
	want := "fib(1) = =1\nfib(bad): server refused the request: =bad\nfib(30) = =30\n"
	if got := out.String(); got != want {
		t.Errorf("output differs\n got:\n%s\nwant:\n%s", got, want)
	}
}

// TestNoAnswerIsAnError (issue 13.14): when every call fails, the client says so
// and exits 1, instead of printing the failures and exiting 0.
func TestNoAnswerIsAnError(t *testing.T) {
	url := rabbitmqtest.URL(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	queue := kit.Name(t, "nobody", "-", 0)
	amqptest.DeleteQueues(t, url, queue)
	var out strings.Builder
	err := run(ctx, []string{"-url", url, "-queue", queue, "-timeout", "300ms", "5", "6"}, &out, &out)
	if cli.Code(err) != 1 || !strings.Contains(err.Error(), "no answer to any of 2 calls") {
		t.Fatalf("want an error for no answers, got %v", err)
	}
	if !strings.Contains(out.String(), "fib(5): wait for the reply") {
		t.Errorf("output:\n%s", out.String())
	}
}

// TestBadFlags (issue 13.15): a bad flag or flag value is a usage error (exit
// status 2) with a message, never a panic, a hang or a broker call (the address
// here is unreachable, which would be exit status 1).
func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"-timeout", "0s"},
		{"-timeout", "-1s"},
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

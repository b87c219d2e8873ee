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
	url := rabbitmqtest.URL(t) // before the timeout starts: it may start a container
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	queue := kit.Name(t, "q", "-", 0)
	amqptest.DeleteQueues(t, url, queue)
	var out, errOut strings.Builder
	if err := run(ctx, []string{"-url", url, "-queue", queue}, &out, &errOut); err != nil {
		t.Fatal(err)
	}
	want := " [x] Sent \"Hello World!\"\n [x] Received \"Hello World!\"\n"
	if got := out.String(); got != want {
		t.Errorf("output differs\n got:\n%s\nwant:\n%s", got, want)
	}
}

func TestUnreachable(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var out, errOut strings.Builder
	err := run(ctx, []string{"-url", "amqp://guest:guest@127.0.0.1:1/", "-queue", "x"}, &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "rabbitmq at 127.0.0.1:1 is unreachable (start it with `make up`)") || cli.Code(err) != 1 {
		t.Fatalf("want a one-line hint naming the address (exit 1), got %v", err)
	}
}

// TestBadFlags (issue 13.15): a bad flag or flag value is a usage error (exit
// status 2) with a message, never a panic, a hang or a broker call (the address
// here is unreachable, which would be exit status 1).
func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{
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

package main

import (
	"context"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/internal/kafkatest"
	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/messaging/internal/cli"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

// TestRun: the topic is created with its partitions; creating it again is not an error.
func TestRun(t *testing.T) {
	addr := kafkatest.Addr(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	topic := kit.Name(t, "t", "-", 0)
	var out strings.Builder
	for range 2 {
		if err := run(ctx, []string{"-addr", addr, "-topic", topic, "-partitions", "3"}, &out, &out); err != nil {
			t.Fatal(err)
		}
	}
	want := `created topic "` + topic + `" with 3 partitions
topic "` + topic + `": partitions [0 1 2], each with a leader
topic "` + topic + `" already exists
topic "` + topic + `": partitions [0 1 2], each with a leader
`
	if got := out.String(); got != want {
		t.Errorf("output differs\n got:\n%s\nwant:\n%s", got, want)
	}
}

func TestUnreachable(t *testing.T) {
	err := run(context.Background(), []string{"-addr", "127.0.0.1:1", "-topic", "x"}, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "kafka at 127.0.0.1:1 is unreachable (start it with `make up`)") {
		t.Fatalf("want a one-line hint naming the address, got %v", err)
	}
}

// TestBadFlags (issue 13.15): a bad flag or flag value is a usage error (exit
// status 2) with a message, never a panic, a hang or a broker call (the address
// here is unreachable, which would be exit status 1).
func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"-partitions", "0"},
		{"-partitions", "-1"},
		{"-partitions", "100000"},
		{"-no-such-flag"},
	} {
		var stderr strings.Builder
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		err := run(ctx, append([]string{"-addr", "127.0.0.1:1"}, args...), io.Discard, &stderr)
		cancel()
		if cli.Code(err) != 2 || err.Error() == "" {
			t.Errorf("%q: got %v (exit %d), want a usage error (exit 2)", args, err, cli.Code(err))
		}
	}
}

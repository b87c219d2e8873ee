package main

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/messaging/internal/testenv"
)

func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }

// TestRun: each severity reaches exactly the queues bound with it, and the
// unbound one comes back to the publisher rather than vanishing.
func TestRun(t *testing.T) {
	if testing.Short() {
		t.Skip("needs RabbitMQ (a container); run without -short")
	}
	url := testenv.RabbitMQ(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var out strings.Builder
	if err := run(ctx, url, testenv.Name(t, "x"), &out); err != nil {
		t.Fatal(err)
	}
	want := `sent [info] "server started"
sent [warning] "disk 90% full"
sent [error] "disk full"
sent [debug] "cache miss for key 42": returned, no queue binds "debug"
disk [error] received ["disk full"]
screen [info warning error] received ["server started" "disk 90% full" "disk full"]
`
	if got := out.String(); got != want {
		t.Errorf("output differs\n got:\n%s\nwant:\n%s", got, want)
	}
}

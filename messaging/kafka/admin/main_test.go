package main

import (
	"context"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/messaging/internal/testenv"
)

func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }

// TestRun: the topic is created with its partitions; creating it again is not an error.
func TestRun(t *testing.T) {
	if testing.Short() {
		t.Skip("needs Kafka (a container); run without -short")
	}
	addr := testenv.Kafka(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	topic := testenv.Name(t, "t")
	var out strings.Builder
	for range 2 {
		if err := run(ctx, addr, topic, 3, &out); err != nil {
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
	err := run(context.Background(), "127.0.0.1:1", "x", 1, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "kafka at 127.0.0.1:1 is unreachable (start it with `make up`)") {
		t.Fatalf("want a one-line hint naming the address, got %v", err)
	}
}

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

// TestRun: every bound queue gets every message published after it bound.
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
	want := `published log 1, then the late subscriber bound, then log 2 and log 3
early subscriber received ["log 1" "log 2" "log 3"]
late subscriber received ["log 2" "log 3"]
`
	if got := out.String(); got != want {
		t.Errorf("output differs\n got:\n%s\nwant:\n%s", got, want)
	}
}

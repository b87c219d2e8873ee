package main

import (
	"context"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/redistest"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

func TestRun(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	prefix := redistest.Prefix(t)
	var out strings.Builder
	if err := run(ctx, []string{"-addr", redistest.URL(t), "-prefix", prefix}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	want := strings.ReplaceAll(`worker A took "resize photo-1" and crashed
queued: 2, processing: [resize photo-1]
reaper put 1 job(s) back
worker B did "resize photo-1"
worker B did "resize photo-2"
worker B did "resize photo-3"
worker B: queue empty after waiting 200ms
queued: 0, processing: 0
`, "PREFIX", prefix)
	if got := out.String(); got != want {
		t.Errorf("output differs\n got:\n%s\nwant:\n%s", got, want)
	}
}

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
	want := strings.ReplaceAll(`publish before subscribing: 0 receivers
received on news: "hello from news"
received on news:sport: "hello from news:sport"
received on news: "hello from news"
`, "PREFIX", prefix)
	if got := out.String(); got != want {
		t.Errorf("output differs\n got:\n%s\nwant:\n%s", got, want)
	}
}

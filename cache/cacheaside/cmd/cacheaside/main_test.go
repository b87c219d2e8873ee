package main

import (
	"context"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/cache/internal/cli"
	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/redistest"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

func TestRun(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var out, errOut strings.Builder
	if err := run(ctx, []string{"-addr", redistest.URL(t), "-latency", "100ms"}, &out, &errOut); err != nil {
		t.Fatal(err)
	}
	// The hit ratio is 10/60 when all 50 cold reads overlap the one store load; on a
	// busy machine a reader that starts after the cache was filled is a hit, so the
	// ratio may be higher, never lower. Everything else is exact.
	want := regexp.MustCompile(`^50 concurrent cold reads -> 1 store load\(s\)
10 warm reads -> 10 hits, 0 misses
overall: 60 reads, hit ratio (\d+)%, 1 store load\(s\)
after the write: kettle €19 \(store loads 2\)
$`)
	got := out.String()
	m := want.FindStringSubmatch(got)
	if m == nil {
		t.Fatalf("output differs\n got:\n%s\nwant (the hit ratio may vary):\n%s", got, want)
	}
	if ratio, _ := strconv.Atoi(m[1]); ratio < 17 || ratio > 98 {
		t.Errorf("hit ratio %d%%, want between 17%% (10 of 60 reads) and 98%% (all but the one load)", ratio)
	}
}

func TestUnreachable(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var out, errOut strings.Builder
	err := run(ctx, []string{"-addr", "127.0.0.1:1"}, &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "redis at 127.0.0.1:1 is unreachable (start it with `make up`)") || cli.Code(err) != 1 {
		t.Fatalf("want a one-line hint naming the address (exit 1), got %v", err)
	}
}

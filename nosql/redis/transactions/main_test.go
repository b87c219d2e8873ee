package main

import (
	"context"
	"io"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/redistest"
	"example.com/cloudgo/nosql/internal/redisconn"
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
	want := strings.ReplaceAll(`MULTI/EXEC: stock 4, orders 1
WATCH: 10 clients × 10 increments = 100
`, "PREFIX", prefix)
	if got := out.String(); got != want {
		t.Errorf("output differs\n got:\n%s\nwant:\n%s", got, want)
	}
}

// TestWatchRace: 20 clients add 1 twenty-five times each through WATCH. The
// optimistic lock must lose no update: the total is exactly 500.
func TestWatchRace(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	rdb, err := redisconn.Connect(ctx, redistest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer rdb.Close()
	key := redistest.Prefix(t) + "n"
	rdb.Del(ctx, key)
	const clients, each = 20, 25
	var retries atomic.Int64
	var wg sync.WaitGroup
	for range clients {
		wg.Go(func() {
			for range each {
				tries, err := addWatched(ctx, rdb, key, 1)
				if err != nil {
					t.Error(err)
					return
				}
				retries.Add(int64(tries - 1))
			}
		})
	}
	wg.Wait()
	if got, err := rdb.Get(ctx, key).Int(); err != nil || got != clients*each {
		t.Fatalf("counter = %d, %v; want %d", got, err, clients*each)
	}
	t.Logf("%d increments, %d conflicts retried", clients*each, retries.Load())
}

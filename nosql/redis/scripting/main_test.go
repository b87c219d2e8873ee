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
	want := strings.ReplaceAll(`5 requests, limit 3 per minute: [true true true false false]
unlock with token-A: released=false
unlock with token-B: released=true
bad script: ERR Wrong number of args calling Redis command from script script: cc861ff756db702224d48f8250a82c49b534890e, on @user_script:1.
`, "PREFIX", prefix)
	if got := out.String(); got != want {
		t.Errorf("output differs\n got:\n%s\nwant:\n%s", got, want)
	}
}

// TestAllowConcurrent: 50 requests at once against a limit of 10. The script runs
// atomically, so exactly 10 get through (a GET-then-INCR client would let more in).
func TestAllowConcurrent(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	rdb, err := redisconn.Connect(ctx, redistest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer rdb.Close()
	key := redistest.Prefix(t) + "rate"
	rdb.Del(ctx, key)
	var allowed atomic.Int64
	var wg sync.WaitGroup
	for range 50 {
		wg.Go(func() {
			ok, err := allow(ctx, rdb, key, 10, time.Minute)
			if err != nil {
				t.Error(err)
			}
			if ok {
				allowed.Add(1)
			}
		})
	}
	wg.Wait()
	if n := allowed.Load(); n != 10 {
		t.Errorf("%d of 50 requests allowed, want 10", n)
	}
	if ttl := rdb.PTTL(ctx, key).Val(); ttl <= 0 || ttl > time.Minute {
		t.Errorf("window key TTL %v, want within (0, 1m]", ttl)
	}
}

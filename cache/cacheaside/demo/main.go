// Command demo puts Redis in front of a slow store (100 ms a call) with the
// cacheaside package, and shows what the cache buys: hits instead of slow loads, one
// load for 50 concurrent misses, and a write that is visible at once.
//
//	go run ./cacheaside/demo -addr redis://127.0.0.1:6379/0   (or REDIS_URL; `make up`)
//
// Stop Redis while it runs with -loop (docker compose stop redis) and it keeps
// answering from the store; start Redis again and the hits come back.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"example.com/cloudgo/cache/cacheaside"
	"github.com/redis/go-redis/v9"
)

func main() {
	addr := flag.String("addr", envOr("REDIS_URL", "redis://127.0.0.1:6379/0"), "Redis URL or host:port")
	loop := flag.Bool("loop", false, "after the walkthrough, read once a second until interrupted")
	flag.Parse()
	// go-redis logs connection-pool trouble on its own; the error we return
	// already says what failed, so keep the output to that one line.
	redis.SetLogger(silent{})
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	if err := run(ctx, *addr, *loop, os.Stdout, log); err != nil {
		fmt.Fprintln(os.Stderr, "cacheaside:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, addr string, loop bool, out io.Writer, log *slog.Logger) error {
	opt, err := cacheaside.ClientOptions(addr) // fail-fast timeouts, see there
	if err != nil {
		return err
	}
	rdb := redis.NewClient(opt)
	defer rdb.Close()
	if err := rdb.Ping(ctx).Err(); err != nil {
		return fmt.Errorf("redis at %s is unreachable (start it with `make up`): %w", opt.Addr, err)
	}
	if err := rdb.Del(ctx, "cache:sku-1", "cache:v:sku-1").Err(); err != nil {
		return fmt.Errorf("clean up on %s: %w", opt.Addr, err)
	}

	store := cacheaside.NewSlowStore(100*time.Millisecond, map[string]string{"sku-1": "kettle €25"})
	cache := cacheaside.New(rdb, store, 30*time.Second, 5*time.Second, log)
	say := func(format string, args ...any) { fmt.Fprintf(out, format+"\n", args...) }

	// 50 readers miss at once: singleflight lets one of them load, the rest wait for it.
	var wg sync.WaitGroup
	for range 50 {
		wg.Go(func() { _, _ = cache.Get(ctx, "sku-1") })
	}
	wg.Wait()
	say("50 concurrent cold reads -> %d store load(s)", store.Loads())

	before := cache.Stats()
	for range 10 {
		if _, err := cache.Get(ctx, "sku-1"); err != nil {
			return err
		}
	}
	s := cache.Stats()
	say("10 warm reads -> %d hits, %d misses", s.Hits-before.Hits, s.Misses-before.Misses)
	say("overall: %d reads, hit ratio %.0f%%, %d store load(s)", s.Hits+s.Misses, 100*float64(s.Hits)/float64(s.Hits+s.Misses), store.Loads())

	// A write goes to the store and invalidates the cache: the next read loads it.
	if err := cache.Set(ctx, "sku-1", "kettle €19"); err != nil {
		return err
	}
	v, err := cache.Get(ctx, "sku-1")
	if err != nil {
		return err
	}
	say("after the write: %s (store loads %d)", v, store.Loads())

	for loop && ctx.Err() == nil {
		start := time.Now()
		v, err := cache.Get(ctx, "sku-1")
		s := cache.Stats()
		say("%s in %v (hits %d, misses %d, redis errors %d) %v", v, time.Since(start).Round(time.Millisecond), s.Hits, s.Misses, s.RedisErrors, errOrEmpty(err))
		select {
		case <-time.After(time.Second):
		case <-ctx.Done():
		}
	}
	return nil
}

func errOrEmpty(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func envOr(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}

// silent discards go-redis's internal log lines.
type silent struct{}

func (silent) Printf(context.Context, string, ...any) {}

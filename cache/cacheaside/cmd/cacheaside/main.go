// Command cacheaside puts Redis in front of a slow store (100 ms a call) with the
// cacheaside package, and shows what the cache buys: hits instead of slow loads, one
// load for 50 concurrent misses, and a write that is visible at once.
//
//	go run ./cacheaside/cmd/cacheaside -addr redis://127.0.0.1:6379/0   (or REDIS_URL; `make up`)
//
// Stop Redis while it runs with -loop (docker compose stop redis) and it keeps
// answering from the store; start Redis again and the hits come back.
package main

import (
	"context"
	"errors"
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
	"example.com/cloudgo/cache/internal/cli"
	"example.com/cloudgo/cache/internal/redisconn"
	"github.com/redis/go-redis/v9"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("cacheaside", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("cacheaside", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", cli.Env("REDIS_URL", redisconn.DefaultURL), "Redis URL or host:port (env REDIS_URL)")
	readers := fs.Int("readers", 50, "concurrent cold reads")
	latency := fs.Duration("latency", 100*time.Millisecond, "latency of every store call")
	loop := fs.Bool("loop", false, "after the walkthrough, read once a second until interrupted")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if *readers < 1 || *readers > 10000 {
		return cli.Usagef("-readers must be 1..10000, got %d", *readers)
	}
	if *latency < 0 || *latency > time.Minute {
		return cli.Usagef("-latency must be 0..1m, got %v", *latency)
	}
	if _, err := redisconn.ParseURL(*addr); err != nil {
		return err
	}
	opt, err := cacheaside.ClientOptions(*addr) // fail-fast timeouts, see there
	if err != nil {
		return err
	}
	// go-redis logs connection-pool trouble on its own; the error we return
	// already says what failed, so keep the output to that one line.
	redisconn.Silence()
	rdb := redis.NewClient(opt)
	defer rdb.Close()
	if err := redisconn.Ping(ctx, rdb); err != nil {
		return err
	}
	if err := rdb.Del(ctx, "cache:sku-1", "cache:v:sku-1").Err(); err != nil {
		return fmt.Errorf("clean up on %s: %w", opt.Addr, err)
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	return walk(ctx, rdb, *readers, *latency, *loop, stdout, log)
}

func walk(ctx context.Context, rdb *redis.Client, readers int, latency time.Duration, loop bool, out io.Writer, log *slog.Logger) error {
	store := cacheaside.NewSlowStore(latency, map[string]string{"sku-1": "kettle €25"})
	cache := cacheaside.New(rdb, store, 30*time.Second, 5*time.Second, log)
	say := func(format string, args ...any) { fmt.Fprintf(out, format+"\n", args...) }

	// The readers miss at once: singleflight lets one of them load, the rest wait for it.
	var wg sync.WaitGroup
	errs := make([]error, readers)
	for i := range readers {
		wg.Go(func() { _, errs[i] = cache.Get(ctx, "sku-1") })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	say("%d concurrent cold reads -> %d store load(s)", readers, store.Loads())

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

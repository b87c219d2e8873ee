// Command rediscache uses Redis as a cache with go-redis v9: SET with a TTL, GET,
// SETNX for "only the first one wins", expiry observed, and redis.Nil, which is how
// go-redis says "no such key" (a cache miss, not a failure).
//
//	go run ./rediscache -addr redis://127.0.0.1:6379/0   (or REDIS_URL; `make up` starts one)
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/redis/go-redis/v9"

	"example.com/cloudgo/cache/internal/cli"
	"example.com/cloudgo/cache/internal/redisconn"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("rediscache", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// motd is the value run leaves behind, without a TTL, for other tools to read.
const motd = "Grüße aus Go — 你好 🚀"

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("rediscache", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", cli.Env("REDIS_URL", redisconn.DefaultURL), "Redis URL (redis://[:password@]host:port/db) or host:port (env REDIS_URL)")
	prefix := fs.String("prefix", "cloudgo:", "namespace for this program's keys")
	ttl := fs.Duration("ttl", time.Second, "how long the cached greeting lives (whole milliseconds)")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if *ttl < time.Millisecond || *ttl > time.Minute || *ttl%time.Millisecond != 0 {
		return cli.Usagef("-ttl must be whole milliseconds between 1ms and 1m, got %v", *ttl)
	}
	opt, err := redisconn.ParseURL(*addr)
	if err != nil {
		return err
	}
	// Timeouts on every network step, so that a dead server fails fast.
	opt.DialTimeout, opt.ReadTimeout, opt.WriteTimeout = 2*time.Second, time.Second, time.Second
	opt.MaxRetries = 1
	// go-redis logs connection-pool trouble on its own; the error we return
	// already says what failed, so keep the output to that one line.
	redisconn.Silence()
	rdb := redis.NewClient(opt)
	defer rdb.Close()
	if err := redisconn.Ping(ctx, rdb); err != nil {
		return err
	}
	return walk(ctx, rdb, *prefix, *ttl, stdout)
}

func walk(ctx context.Context, rdb *redis.Client, prefix string, ttl time.Duration, out io.Writer) error {
	where := rdb.Options().Addr
	k := func(name string) string { return prefix + name }
	say := func(format string, args ...any) { fmt.Fprintf(out, format+"\n", args...) }
	if err := rdb.Del(ctx, k("greeting"), k("lock:report"), k("missing")).Err(); err != nil {
		return fmt.Errorf("clean up on %s: %w", where, err)
	}

	// SET with an expiry: the cache forgets the value by itself, so a stale entry
	// cannot outlive its TTL even if nobody ever invalidates it.
	if err := rdb.Set(ctx, k("greeting"), "hello", ttl).Err(); err != nil {
		return fmt.Errorf("set greeting on %s: %w", where, err)
	}
	v, err := rdb.Get(ctx, k("greeting")).Result()
	if err != nil {
		return fmt.Errorf("get greeting from %s: %w", where, err)
	}
	left, err := rdb.PTTL(ctx, k("greeting")).Result()
	if err != nil {
		return fmt.Errorf("pttl greeting on %s: %w", where, err)
	}
	say("get greeting: %q (ttl ≤ %v: %v)", v, ttl, left > 0 && left <= ttl)

	// redis.Nil is the "no such key" answer. Test for it with errors.Is and treat
	// it as a miss; every other error is a real failure.
	_, err = rdb.Get(ctx, k("missing")).Result()
	say("get missing: miss=%v", errors.Is(err, redis.Nil))

	// SETNX (SET ... NX) stores only if the key is absent: the first caller gets
	// the lock, everyone else sees false. The TTL frees it if the holder dies.
	first, err1 := rdb.SetNX(ctx, k("lock:report"), "worker-1", 30*time.Second).Result()
	second, err2 := rdb.SetNX(ctx, k("lock:report"), "worker-2", 30*time.Second).Result()
	if err := errors.Join(err1, err2); err != nil {
		return fmt.Errorf("setnx lock:report on %s: %w", where, err)
	}
	holder, err := rdb.Get(ctx, k("lock:report")).Result()
	if err != nil {
		return fmt.Errorf("get lock:report from %s: %w", where, err)
	}
	say("setnx worker-1: %v, worker-2: %v, holder: %s", first, second, holder)

	// Expiry observed: once the TTL has passed the key is gone and GET says
	// redis.Nil. Redis expires a key lazily on access or in its background sweep;
	// either way no read after the TTL sees it. Ask until then, for at most 5 s.
	for deadline := time.Now().Add(ttl + 5*time.Second); ; {
		_, err = rdb.Get(ctx, k("greeting")).Result()
		if errors.Is(err, redis.Nil) {
			break
		}
		if err != nil {
			return fmt.Errorf("get greeting from %s: %w", where, err)
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("greeting on %s outlived its %v TTL by 5s", where, ttl)
		}
		select {
		case <-time.After(50 * time.Millisecond):
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	say("get greeting after its TTL: miss=true")

	// A value without TTL lives until deleted or evicted. Redis strings are
	// bytes: UTF-8 goes in and comes out unchanged (try redis-cli GET cloudgo:motd).
	if err := rdb.Set(ctx, k("motd"), motd, 0).Err(); err != nil {
		return fmt.Errorf("set motd on %s: %w", where, err)
	}
	got, err := rdb.Get(ctx, k("motd")).Result()
	if err != nil {
		return fmt.Errorf("get motd from %s: %w", where, err)
	}
	noTTL, err := rdb.TTL(ctx, k("motd")).Result()
	if err != nil {
		return fmt.Errorf("ttl motd on %s: %w", where, err)
	}
	say("motd: %s (%d bytes, no TTL: %v)", got, len(got), noTTL == -1)
	return nil
}

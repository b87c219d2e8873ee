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
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

func main() {
	addr := flag.String("addr", envOr("REDIS_URL", "redis://127.0.0.1:6379/0"), "Redis URL (redis://[:password@]host:port/db) or host:port")
	prefix := flag.String("prefix", "cloudgo:", "namespace for this program's keys")
	flag.Parse()
	// go-redis logs connection-pool trouble on its own; the error we return
	// already says what failed, so keep the output to that one line.
	redis.SetLogger(silent{})
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, *addr, *prefix, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "rediscache:", err)
		os.Exit(1)
	}
}

// Motd is the value run leaves behind, without a TTL, for other tools to read.
const Motd = "Grüße aus Go — 你好 🚀"

func run(ctx context.Context, addr, prefix string, out io.Writer) error {
	rdb, err := NewClient(addr)
	if err != nil {
		return err
	}
	defer rdb.Close()
	where := rdb.Options().Addr
	if err := rdb.Ping(ctx).Err(); err != nil {
		return fmt.Errorf("redis at %s is unreachable (start it with `make up`): %w", where, err)
	}
	k := func(name string) string { return prefix + name }
	say := func(format string, args ...any) { fmt.Fprintf(out, format+"\n", args...) }
	if err := rdb.Del(ctx, k("greeting"), k("lock:report"), k("missing")).Err(); err != nil {
		return fmt.Errorf("clean up on %s: %w", where, err)
	}

	// SET with an expiry: the cache forgets the value by itself, so a stale entry
	// cannot outlive its TTL even if nobody ever invalidates it.
	if err := rdb.Set(ctx, k("greeting"), "hello", time.Second).Err(); err != nil {
		return fmt.Errorf("set greeting on %s: %w", where, err)
	}
	v, err := rdb.Get(ctx, k("greeting")).Result()
	if err != nil {
		return fmt.Errorf("get greeting from %s: %w", where, err)
	}
	ttl := rdb.PTTL(ctx, k("greeting")).Val()
	say("get greeting: %q (ttl ≤ 1s: %v)", v, ttl > 0 && ttl <= time.Second)

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
	holder, _ := rdb.Get(ctx, k("lock:report")).Result()
	say("setnx worker-1: %v, worker-2: %v, holder: %s", first, second, holder)

	// Expiry observed: after the TTL the key is gone, and GET says redis.Nil.
	select {
	case <-time.After(1200 * time.Millisecond):
	case <-ctx.Done():
		return ctx.Err()
	}
	_, err = rdb.Get(ctx, k("greeting")).Result()
	say("get greeting after 1.2s: miss=%v", errors.Is(err, redis.Nil))

	// A value without TTL lives until deleted or evicted. Redis strings are
	// bytes: UTF-8 goes in and comes out unchanged (try redis-cli GET cloudgo:motd).
	if err := rdb.Set(ctx, k("motd"), Motd, 0).Err(); err != nil {
		return fmt.Errorf("set motd on %s: %w", where, err)
	}
	motd, err := rdb.Get(ctx, k("motd")).Result()
	if err != nil {
		return fmt.Errorf("get motd from %s: %w", where, err)
	}
	say("motd: %s (%d bytes, no TTL: %v)", motd, len(motd), rdb.TTL(ctx, k("motd")).Val() == -1)
	return nil
}

// NewClient builds a client from a redis:// URL (redis.ParseURL) or a bare host:port,
// with timeouts on every network step so that a dead server fails fast.
func NewClient(addr string) (*redis.Client, error) {
	if !strings.Contains(addr, "://") {
		addr = "redis://" + addr
	}
	opt, err := redis.ParseURL(addr)
	if err != nil {
		return nil, fmt.Errorf("parse Redis URL %q: %w", addr, err)
	}
	opt.DialTimeout, opt.ReadTimeout, opt.WriteTimeout = 2*time.Second, time.Second, time.Second
	opt.MaxRetries = 1
	return redis.NewClient(opt), nil
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

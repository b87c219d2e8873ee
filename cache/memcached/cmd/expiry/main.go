// Command expiry shows memcached forgetting an item by itself: an item stored with
// an expiration of N seconds is there right away and gone once they have passed.
// memcached's clock ticks once a second, so an item with expiration 1 lives one to
// two seconds; the program asks until the item is gone instead of guessing a sleep.
//
//	go run ./memcached/cmd/expiry -addr 127.0.0.1:11211   (or MEMCACHED_ADDR; `make up`)
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

	"github.com/bradfitz/gomemcache/memcache"

	"example.com/cloudgo/cache/internal/cli"
	"example.com/cloudgo/cache/memcached"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("expiry", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("expiry", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", cli.Env("MEMCACHED_ADDR", "127.0.0.1:11211"), "memcached host:port (env MEMCACHED_ADDR)")
	key := fs.String("key", "cloudgo:session", "the item's key")
	ttl := fs.Int("ttl", 1, "expiration in seconds (1..60)")
	timeout := fs.Duration("timeout", time.Second, "deadline of every memcached operation")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if *ttl < 1 || *ttl > 60 {
		// memcached reads 0 as "never" and more than 30 days as a Unix time.
		return cli.Usagef("-ttl must be 1..60 seconds, got %d", *ttl)
	}
	if *timeout <= 0 {
		return cli.Usagef("-timeout must be positive, got %v", *timeout)
	}
	if err := memcached.ValidKey(*key); err != nil {
		return cli.Usagef("-key %q: %v", *key, err)
	}

	mc := memcache.New(*addr)
	mc.Timeout = *timeout // gomemcache takes no context: this bounds every operation
	if err := mc.Ping(); err != nil {
		return fmt.Errorf("memcached at %s is unreachable (start it with `make up`): %w", *addr, err)
	}
	if err := mc.Set(&memcache.Item{Key: *key, Value: []byte("token"), Expiration: int32(*ttl)}); err != nil {
		return fmt.Errorf("set %s on %s: %w", *key, *addr, err)
	}
	// get returns the value, or "" on a miss: a miss is an answer, not a failure.
	get := func() (string, error) {
		it, err := mc.Get(*key)
		if errors.Is(err, memcache.ErrCacheMiss) {
			return "", nil
		}
		if err != nil {
			return "", fmt.Errorf("get %s from %s: %w", *key, *addr, err)
		}
		return string(it.Value), nil
	}
	v, err := get()
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "right away: %q\n", v)
	limit := time.Duration(*ttl)*time.Second + 5*time.Second
	for deadline := time.Now().Add(limit); v != ""; {
		if time.Now().After(deadline) {
			return fmt.Errorf("%s on %s still there %v after it was stored with expiration %ds", *key, *addr, limit, *ttl)
		}
		select {
		case <-time.After(100 * time.Millisecond):
		case <-ctx.Done():
			return ctx.Err()
		}
		if v, err = get(); err != nil {
			return err
		}
	}
	fmt.Fprintf(stdout, "after its %ds expiration: %q (expired)\n", *ttl, v)
	return nil
}

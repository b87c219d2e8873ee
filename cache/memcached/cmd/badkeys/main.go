// Command badkeys shows the keys memcached refuses: more than 250 bytes, or a space
// or control character anywhere. The client refuses them before anything is
// stored, with one terse error for every reason (memcache.ErrMalformedKey);
// memcached.ValidKey says which rule a key broke, in words a user can act on.
//
//	go run ./memcached/cmd/badkeys -addr 127.0.0.1:11211   (or MEMCACHED_ADDR; `make up`)
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
	"syscall"
	"time"

	"github.com/bradfitz/gomemcache/memcache"

	"example.com/cloudgo/cache/internal/cli"
	"example.com/cloudgo/cache/memcached"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("badkeys", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run takes ctx for the one program shape; gomemcache has no context, and
// -timeout bounds every operation instead.
func run(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("badkeys", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", cli.Env("MEMCACHED_ADDR", "127.0.0.1:11211"), "memcached host:port (env MEMCACHED_ADDR)")
	timeout := fs.Duration("timeout", time.Second, "deadline of every memcached operation")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if *timeout <= 0 {
		return cli.Usagef("-timeout must be positive, got %v", *timeout)
	}
	mc := memcache.New(*addr)
	mc.Timeout = *timeout
	if err := mc.Ping(); err != nil {
		return fmt.Errorf("memcached at %s is unreachable (start it with `make up`): %w", *addr, err)
	}
	for _, key := range []string{"has space", "tab\there", strings.Repeat("k", 251), "cloudgo:fine"} {
		err := mc.Set(&memcache.Item{Key: key, Value: []byte("x"), Expiration: 60})
		switch {
		case errors.Is(err, memcache.ErrMalformedKey):
			fmt.Fprintf(stdout, "set %.12q (%d bytes): %v\n", key, len(key), memcached.ValidKey(key))
		case err != nil:
			return fmt.Errorf("set %.12q on %s: %w", key, *addr, err)
		default:
			fmt.Fprintf(stdout, "set %.12q (%d bytes): stored\n", key, len(key))
		}
	}
	return nil
}

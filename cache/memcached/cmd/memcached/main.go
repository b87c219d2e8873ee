// Command memcached walks through memcached's commands with gomemcache: set/get/delete,
// add vs replace, compare-and-swap, counters and multi-get. (Expiry: ../expiry; the
// keys memcached refuses: ../badkeys.)
//
//	go run ./memcached/cmd/memcached -addr 127.0.0.1:11211     (or MEMCACHED_ADDR; `make up` starts one)
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
	cli.Exit("memcached", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("memcached", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", cli.Env("MEMCACHED_ADDR", "127.0.0.1:11211"), "memcached host:port (env MEMCACHED_ADDR)")
	prefix := fs.String("prefix", "cloudgo:", "namespace for this program's keys")
	timeout := fs.Duration("timeout", time.Second, "deadline of every memcached operation")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if *timeout <= 0 {
		return cli.Usagef("-timeout must be positive, got %v", *timeout)
	}
	if err := memcached.ValidKey(*prefix + "greeting"); err != nil {
		return cli.Usagef("-prefix %q: %v", *prefix, err)
	}
	return walk(*addr, *prefix, *timeout, stdout)
}

func walk(addr, prefix string, timeout time.Duration, out io.Writer) error {
	mc := memcached.New(addr, timeout) // gomemcache takes no context: -timeout bounds every call
	if err := mc.Ping(); err != nil {
		return fmt.Errorf("memcached at %s is unreachable (start it with `make up`): %w", addr, err)
	}
	k := func(name string) string { return prefix + name }
	say := func(format string, args ...any) { fmt.Fprintf(out, format+"\n", args...) }
	var failed error // the first error that is not one of memcached's answers
	answer := func(err error) string {
		o := memcached.Outcome(err)
		if strings.HasPrefix(o, "error: ") && failed == nil {
			failed = fmt.Errorf("memcached at %s: %w", addr, err)
		}
		return o
	}
	// Start clean. (GetString reports a miss as "", not an error: a miss is an answer.)
	if err := mc.DeleteAll(k("greeting"), k("missing"), k("visits"), k("a"), k("b"), k("c")); err != nil {
		return err
	}

	// Set stores unconditionally.
	if err := mc.SetString(k("greeting"), "hello"); err != nil {
		return err
	}
	v, err := mc.GetString(k("greeting"))
	if err != nil {
		return err
	}
	say("set+get greeting: %q", v)

	// Add stores only if the key is absent, Replace only if it is present. Both
	// refuse with ErrNotStored, which is an answer, not a failure.
	say("add greeting (present): %s", answer(mc.Add(&memcache.Item{Key: k("greeting"), Value: []byte("hi")})))
	say("replace missing (absent): %s", answer(mc.Replace(&memcache.Item{Key: k("missing"), Value: []byte("x")})))
	say("replace greeting (present): %s", answer(mc.Replace(&memcache.Item{Key: k("greeting"), Value: []byte("hi")})))

	// Compare-and-swap: two clients read the same version of an item. The first
	// write wins; the second learns that it worked on a stale copy instead of
	// silently overwriting the first.
	alice, err1 := mc.Get(k("greeting"))
	bob, err2 := mc.Get(k("greeting"))
	if err := errors.Join(err1, err2); err != nil {
		return fmt.Errorf("get greeting from %s: %w", addr, err)
	}
	alice.Value, bob.Value = []byte("hi from alice"), []byte("hi from bob")
	say("cas alice: %s", answer(mc.CompareAndSwap(alice)))
	say("cas bob:   %s", answer(mc.CompareAndSwap(bob)))
	if v, err = mc.GetString(k("greeting")); err != nil {
		return err
	}
	say("greeting is now %q", v)

	// Counters are atomic on the server: no read-modify-write race between clients.
	if err := mc.SetString(k("visits"), "0"); err != nil {
		return err
	}
	n1, err1 := mc.Increment(k("visits"), 1)
	n2, err2 := mc.Increment(k("visits"), 10)
	if err := errors.Join(err1, err2); err != nil {
		return fmt.Errorf("incr visits on %s: %w", addr, err)
	}
	say("incr visits: %d, then %d", n1, n2)
	_, err = mc.Increment(k("greeting"), 1) // the server's refusal is the lesson
	say("incr greeting (not a number): %s", memcached.Outcome(err))

	// GetMulti fetches many keys in one round trip; missing keys are simply absent.
	if err := errors.Join(mc.SetString(k("a"), "1"), mc.SetString(k("c"), "3")); err != nil {
		return err
	}
	items, err := mc.GetMulti([]string{k("a"), k("b"), k("c")})
	if err != nil {
		return fmt.Errorf("get multi from %s: %w", addr, err)
	}
	a, c := items[k("a")], items[k("c")]
	if a == nil || c == nil {
		return fmt.Errorf("get multi from %s: a or c missing right after they were stored", addr)
	}
	say("get multi a,b,c: %d found, a=%s c=%s", len(items), a.Value, c.Value)

	say("delete greeting: %s", answer(mc.Delete(k("greeting"))))
	say("delete greeting again: %s", answer(mc.Delete(k("greeting"))))

	return failed
}

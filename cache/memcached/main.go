// Command memcached walks through memcached with gomemcache: set/get/delete, add vs
// replace, compare-and-swap, counters, expiration, multi-get and the keys it refuses.
//
//	go run ./memcached -addr 127.0.0.1:11211     (or MEMCACHED_ADDR; `make up` starts one)
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/bradfitz/gomemcache/memcache"
)

func main() {
	addr := flag.String("addr", envOr("MEMCACHED_ADDR", "127.0.0.1:11211"), "memcached host:port")
	prefix := flag.String("prefix", "cloudgo:", "namespace for this program's keys")
	flag.Parse()
	if err := run(*addr, *prefix, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "memcached:", err)
		os.Exit(1)
	}
}

func run(addr, prefix string, out io.Writer) error {
	mc := memcache.New(addr)
	// gomemcache takes no context: its deadline is this per-operation network timeout.
	mc.Timeout = time.Second
	if err := mc.Ping(); err != nil {
		return fmt.Errorf("memcached at %s is unreachable (start it with `make up`): %w", addr, err)
	}
	k := func(name string) string { return prefix + name }
	say := func(format string, args ...any) { fmt.Fprintf(out, format+"\n", args...) }
	// get returns the value, or "" with err == nil on a miss: a miss is an answer.
	get := func(name string) (string, error) {
		it, err := mc.Get(k(name))
		if errors.Is(err, memcache.ErrCacheMiss) {
			return "", nil
		}
		if err != nil {
			return "", fmt.Errorf("get %s from %s: %w", k(name), addr, err)
		}
		return string(it.Value), nil
	}
	for _, name := range []string{"greeting", "missing", "visits", "session", "a", "b", "c"} {
		_ = mc.Delete(k(name)) // start clean; deleting a missing key is fine
	}

	// Set stores unconditionally.
	if err := mc.Set(&memcache.Item{Key: k("greeting"), Value: []byte("hello")}); err != nil {
		return fmt.Errorf("set greeting on %s: %w", addr, err)
	}
	v, err := get("greeting")
	if err != nil {
		return err
	}
	say("set+get greeting: %q", v)

	// Add stores only if the key is absent, Replace only if it is present. Both
	// refuse with ErrNotStored, which is an answer, not a failure.
	say("add greeting (present): %s", outcome(mc.Add(&memcache.Item{Key: k("greeting"), Value: []byte("hi")})))
	say("replace missing (absent): %s", outcome(mc.Replace(&memcache.Item{Key: k("missing"), Value: []byte("x")})))
	say("replace greeting (present): %s", outcome(mc.Replace(&memcache.Item{Key: k("greeting"), Value: []byte("hi")})))

	// Compare-and-swap: two clients read the same version of an item. The first
	// write wins; the second learns that it worked on a stale copy instead of
	// silently overwriting the first.
	alice, err1 := mc.Get(k("greeting"))
	bob, err2 := mc.Get(k("greeting"))
	if err := errors.Join(err1, err2); err != nil {
		return fmt.Errorf("get greeting from %s: %w", addr, err)
	}
	alice.Value, bob.Value = []byte("hi from alice"), []byte("hi from bob")
	say("cas alice: %s", outcome(mc.CompareAndSwap(alice)))
	say("cas bob:   %s", outcome(mc.CompareAndSwap(bob)))
	v, _ = get("greeting")
	say("greeting is now %q", v)

	// Counters are atomic on the server: no read-modify-write race between clients.
	if err := mc.Set(&memcache.Item{Key: k("visits"), Value: []byte("0")}); err != nil {
		return fmt.Errorf("set visits on %s: %w", addr, err)
	}
	n1, err1 := mc.Increment(k("visits"), 1)
	n2, err2 := mc.Increment(k("visits"), 10)
	if err := errors.Join(err1, err2); err != nil {
		return fmt.Errorf("incr visits on %s: %w", addr, err)
	}
	say("incr visits: %d, then %d", n1, n2)
	_, err = mc.Increment(k("greeting"), 1)
	say("incr greeting (not a number): %s", outcome(err))

	// Expiration is in seconds and memcached's clock ticks once a second, so an
	// item stored with Expiration 1 lives between one and two seconds.
	if err := mc.Set(&memcache.Item{Key: k("session"), Value: []byte("token"), Expiration: 1}); err != nil {
		return fmt.Errorf("set session on %s: %w", addr, err)
	}
	v, _ = get("session")
	say("session right away: %q", v)
	time.Sleep(2500 * time.Millisecond)
	v, err = get("session")
	if err != nil {
		return err
	}
	say("session after 2.5s: %q (expired)", v)

	// GetMulti fetches many keys in one round trip; missing keys are simply absent.
	_ = mc.Set(&memcache.Item{Key: k("a"), Value: []byte("1")})
	_ = mc.Set(&memcache.Item{Key: k("c"), Value: []byte("3")})
	items, err := mc.GetMulti([]string{k("a"), k("b"), k("c")})
	if err != nil {
		return fmt.Errorf("get multi from %s: %w", addr, err)
	}
	say("get multi a,b,c: %d found, a=%s c=%s", len(items), items[k("a")].Value, items[k("c")].Value)

	say("delete greeting: %s", outcome(mc.Delete(k("greeting"))))
	say("delete greeting again: %s", outcome(mc.Delete(k("greeting"))))

	// The client refuses bad keys before anything reaches the server, with one
	// terse error for every reason; ValidKey says which rule the key broke.
	for _, bad := range []string{"has space", strings.Repeat("k", 251)} {
		err := mc.Set(&memcache.Item{Key: bad, Value: []byte("x")})
		if errors.Is(err, memcache.ErrMalformedKey) {
			err = ValidKey(bad)
		}
		say("set %.12q (%d bytes): %v", bad, len(bad), err)
	}
	return nil
}

// ValidKey says why memcached would refuse key (ErrMalformedKey), in words a user
// can act on: keys are at most 250 bytes, with no spaces or control characters.
func ValidKey(key string) error {
	if len(key) > 250 {
		return fmt.Errorf("key is %d bytes, memcached allows 250: %w", len(key), memcache.ErrMalformedKey)
	}
	if i := strings.IndexFunc(key, func(r rune) bool { return r <= ' ' || r == 0x7f }); i >= 0 {
		return fmt.Errorf("key has a space or control character at byte %d: %w", i, memcache.ErrMalformedKey)
	}
	return nil
}

// outcome names the sentinel errors that are answers rather than failures.
func outcome(err error) string {
	switch {
	case err == nil:
		return "ok"
	case errors.Is(err, memcache.ErrCacheMiss):
		return "cache miss"
	case errors.Is(err, memcache.ErrNotStored):
		return "not stored"
	case errors.Is(err, memcache.ErrCASConflict):
		return "CAS conflict"
	}
	return "error: " + err.Error()
}

func envOr(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}

package cacheaside_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"example.com/cloudgo/cache/cacheaside"
	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/redistest"
	"github.com/redis/go-redis/v9"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

// newRedis returns a client for url with the short timeouts a cache wants, and a
// key prefix of the test's own so that tests sharing a server never meet.
func newRedis(t *testing.T, url string) *redis.Client {
	t.Helper()
	opt, err := cacheaside.ClientOptions(url)
	if err != nil {
		t.Fatal(err)
	}
	rdb := redis.NewClient(opt)
	t.Cleanup(func() { rdb.Close() })
	return rdb
}

func setup(t *testing.T, latency time.Duration) (*cacheaside.Cache, *cacheaside.SlowStore, *redis.Client) {
	t.Helper()
	rdb := newRedis(t, redistest.URL(t))
	store := cacheaside.NewSlowStore(latency, map[string]string{"a": "1", "b": "2"})
	c := cacheaside.New(rdb, store, time.Minute, 10*time.Second, slog.New(slog.DiscardHandler))
	c.SetPrefix(redistest.Prefix(t))
	return c, store, rdb
}

// get reads key and fails the test on an error: for the test goroutine only.
func get(t *testing.T, c *cacheaside.Cache, key string) string {
	t.Helper()
	v, err := getErr(c, key)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// getErr reads key with a timeout; safe in any goroutine.
func getErr(c *cacheaside.Cache, key string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	v, err := c.Get(ctx, key)
	if err != nil {
		return "", fmt.Errorf("get %s: %w", key, err)
	}
	return v, nil
}

func TestHitRatioAfterWarmUp(t *testing.T) {
	c, store, _ := setup(t, 20*time.Millisecond)
	for range 100 {
		if v := get(t, c, "a"); v != "1" {
			t.Fatalf("got %q, want 1", v)
		}
	}
	s := c.Stats()
	if s.Hits != 99 || s.Misses != 1 || store.Loads() != 1 {
		t.Errorf("after 100 reads of one key: %+v, store loads %d; want 99 hits, 1 miss, 1 load", s, store.Loads())
	}
}

func TestConcurrentMissesLoadOnce(t *testing.T) {
	c, store, _ := setup(t, 200*time.Millisecond)
	const n = 100
	var wg sync.WaitGroup
	values := make([]string, n)
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() { values[i], errs[i] = getErr(c, "b") })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	if store.Loads() != 1 {
		t.Errorf("%d concurrent misses made %d store loads, want 1", n, store.Loads())
	}
	for i, v := range values {
		if v != "2" {
			t.Fatalf("reader %d got %q, want 2", i, v)
		}
	}
}

func TestTTLHasJitter(t *testing.T) {
	c, _, rdb := setup(t, 0)
	prefix := redistest.Prefix(t)
	c.SetPrefix(prefix)
	ctx := context.Background()
	seen := map[time.Duration]bool{}
	for i := range 20 {
		key := fmt.Sprint("k", i)
		if err := c.Set(ctx, key, "v"); err != nil {
			t.Fatal(err)
		}
		get(t, c, key)
		ttl := rdb.PTTL(ctx, prefix+key).Val()
		if ttl < 59*time.Second || ttl > 70*time.Second {
			t.Fatalf("ttl of %s is %v, want within 1m..1m10s", key, ttl)
		}
		seen[ttl.Truncate(100*time.Millisecond)] = true
	}
	if len(seen) < 5 {
		t.Errorf("20 fills got only %d distinct TTLs: no jitter", len(seen))
	}
}

func TestWriteInvalidates(t *testing.T) {
	c, _, _ := setup(t, 10*time.Millisecond)
	ctx := context.Background()
	for i := range 5 {
		want := fmt.Sprint("v", i)
		if err := c.Set(ctx, "a", want); err != nil {
			t.Fatal(err)
		}
		for range 3 { // the first read fills the cache, the next ones hit it
			if got := get(t, c, "a"); got != want {
				t.Fatalf("after writing %q read %q", want, got)
			}
		}
	}
}

// gated is a source whose loads can be held mid-flight, to replay the classic
// cache-aside race: a reader loads the old value, a write lands, then the reader
// fills the cache with what it read.
type gated struct {
	mu      sync.Mutex
	value   string
	loaded  chan struct{}
	release chan struct{}
}

func (g *gated) Load(ctx context.Context, key string) (string, error) {
	g.mu.Lock()
	v := g.value
	g.mu.Unlock()
	if g.loaded != nil {
		close(g.loaded)
		<-g.release
		g.loaded = nil
	}
	return v, nil
}

func (g *gated) Store(ctx context.Context, key, value string) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.value = value
	return nil
}

func TestSlowReaderCannotRefillOldValue(t *testing.T) {
	rdb := newRedis(t, redistest.URL(t))
	src := &gated{value: "old", loaded: make(chan struct{}), release: make(chan struct{})}
	c := cacheaside.New(rdb, src, time.Minute, 0, slog.New(slog.DiscardHandler))
	c.SetPrefix(redistest.Prefix(t))
	ctx := context.Background()

	type result struct {
		v   string
		err error
	}
	slow := make(chan result, 1)
	go func() { v, err := getErr(c, "x"); slow <- result{v, err} }()
	<-src.loaded // the reader holds "old" and has not filled the cache yet
	if err := c.Set(ctx, "x", "new"); err != nil {
		t.Fatal(err)
	}
	close(src.release)
	if r := <-slow; r.err != nil || r.v != "old" {
		t.Fatalf("the slow reader started before the write and should return old, got %q, %v", r.v, r.err)
	}
	for range 3 {
		if v := get(t, c, "x"); v != "new" {
			t.Fatalf("read after the write returned %q: the slow reader's fill put a stale value back", v)
		}
	}
}

// TestRedisDownAndBack stops the Redis container mid-test: reads keep being answered
// from the store, a write made meanwhile is not hidden by the old cached value once
// Redis returns (with the data it saved on shutdown), and hits resume.
func TestRedisDownAndBack(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	ctr := redistest.Own(t)
	url, err := ctr.ConnectionString(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	store := cacheaside.NewSlowStore(5*time.Millisecond, map[string]string{"a": "1"})
	c := cacheaside.New(newRedis(t, url), store, time.Minute, 0, slog.New(slog.NewTextHandler(&logs, nil)))

	get(t, c, "a")
	if get(t, c, "a"); c.Stats().Hits != 1 {
		t.Fatalf("warm-up: %+v, want 1 hit", c.Stats())
	}

	if err := ctr.Stop(ctx, nil); err != nil {
		t.Fatal(err)
	}
	for range 5 {
		start := time.Now()
		if v := get(t, c, "a"); v != "1" {
			t.Fatalf("with Redis down got %q, want 1 from the store", v)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("a degraded read took %v; the fallback must be fast", d)
		}
	}
	if err := c.Set(ctx, "a", "2"); err != nil {
		t.Fatalf("a write with Redis down must still reach the store: %v", err)
	}
	if v := get(t, c, "a"); v != "2" {
		t.Fatalf("with Redis down, read after write got %q", v)
	}
	if n := strings.Count(logs.String(), "redis unavailable"); n != 1 {
		t.Errorf("logged 'redis unavailable' %d times, want once:\n%s", n, logs.String())
	}

	if err := ctr.Start(ctx); err != nil {
		t.Fatal(err)
	}
	// Wait until the restarted server answers (it may still be loading its dump).
	probe := newRedis(t, url)
	for probe.Ping(ctx).Err() != nil {
		select {
		case <-ctx.Done():
			t.Fatal("Redis did not come back")
		case <-time.After(100 * time.Millisecond):
		}
	}
	hits := c.Stats().Hits
	for range 6 {
		if v := get(t, c, "a"); v != "2" {
			t.Fatalf("after Redis came back got %q, want 2: a stale cached value resurfaced", v)
		}
	}
	if got := c.Stats().Hits - hits; got < 3 {
		t.Errorf("after Redis came back: %d hits in 6 reads, want ≥ 3", got)
	}
	if !strings.Contains(logs.String(), "redis is back") {
		t.Errorf("recovery not logged:\n%s", logs.String())
	}
}

func TestSourceErrorsAreNotCached(t *testing.T) {
	c, _, _ := setup(t, 0)
	_, err := c.Get(context.Background(), "nope")
	if !errors.Is(err, cacheaside.ErrNotFound) {
		t.Fatalf("got %v, want ErrNotFound", err)
	}
}

// blocking is a source whose Load waits for release or for its context, as a
// database call does.
type blocking struct {
	loads   atomic.Int64
	started chan struct{} // closed when the first load begins
	release chan struct{}
}

func (b *blocking) Load(ctx context.Context, key string) (string, error) {
	if b.loads.Add(1) == 1 {
		close(b.started)
	}
	select {
	case <-b.release:
		return "value of " + key, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

func (b *blocking) Store(context.Context, string, string) error { return nil }

// TestCancelledCallerDoesNotFailWaiters: two requests miss the same key and share
// one load. The first one's client goes away (its context is cancelled) while the
// load runs. The first returns at once with its own error; the second still gets
// the value, from the same single load.
func TestCancelledCallerDoesNotFailWaiters(t *testing.T) {
	rdb := newRedis(t, redistest.URL(t))
	src := &blocking{started: make(chan struct{}), release: make(chan struct{})}
	c := cacheaside.New(rdb, src, time.Minute, 0, slog.New(slog.DiscardHandler))
	c.SetPrefix(redistest.Prefix(t))

	type result struct {
		v   string
		err error
	}
	firstCtx, cancelFirst := context.WithCancel(context.Background())
	defer cancelFirst()
	first, second := make(chan result, 1), make(chan result, 1)
	go func() { v, err := c.Get(firstCtx, "k"); first <- result{v, err} }()
	<-src.started
	go func() { v, err := getErr(c, "k"); second <- result{v, err} }()
	// The second reader has missed too once Misses is 2; it then joins the load.
	for deadline := time.Now().Add(5 * time.Second); c.Stats().Misses < 2; {
		if time.Now().After(deadline) {
			t.Fatal("the second reader never missed")
		}
		time.Sleep(time.Millisecond)
	}
	cancelFirst()
	select {
	case r := <-first:
		if !errors.Is(r.err, context.Canceled) {
			t.Errorf("the cancelled caller got %q, %v; want context.Canceled", r.v, r.err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the cancelled caller still waits for the load: a waiter must stop on its own context")
	}
	close(src.release)
	r := <-second
	if r.err != nil || r.v != "value of k" {
		t.Fatalf("the second caller got %q, %v: one caller's cancellation failed the other", r.v, r.err)
	}
	if n := src.loads.Load(); n != 1 {
		t.Errorf("%d loads, want 1 shared load", n)
	}
}

// TestVersionKeysExpire: the keys the cache keeps besides the values (the fill
// versions) must expire too, or every key ever read or written stays in Redis.
func TestVersionKeysExpire(t *testing.T) {
	c, _, rdb := setup(t, 0)
	prefix := redistest.Prefix(t)
	c.SetPrefix(prefix)
	ctx := context.Background()
	for i := range 10 {
		key := fmt.Sprint("k", i)
		if err := c.Set(ctx, key, "v"); err != nil {
			t.Fatal(err)
		}
		get(t, c, key)
		if err := c.Set(ctx, key, "w"); err != nil {
			t.Fatal(err)
		}
		get(t, c, key)
	}
	keys, err := rdb.Keys(ctx, prefix+"*").Result()
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) < 10 {
		t.Fatalf("only %d keys under %s: %v", len(keys), prefix, keys)
	}
	for _, k := range keys {
		if ttl := rdb.PTTL(ctx, k).Val(); ttl < 0 {
			t.Errorf("%s has no TTL (PTTL %v): it would stay in Redis forever", k, ttl)
		}
	}
}

// TestEvictedVersionKeyCannotReopenStaleFill replays the stale-fill race with the
// version key evicted in between (as maxmemory-policy allkeys-lru may do): a
// reader loads the old value, a write lands, the version key disappears, then the
// reader tries to fill. The old value must not come back.
func TestEvictedVersionKeyCannotReopenStaleFill(t *testing.T) {
	rdb := newRedis(t, redistest.URL(t))
	src := &gated{value: "old", loaded: make(chan struct{}), release: make(chan struct{})}
	c := cacheaside.New(rdb, src, time.Minute, 0, slog.New(slog.DiscardHandler))
	prefix := redistest.Prefix(t)
	c.SetPrefix(prefix)
	ctx := context.Background()

	slow := make(chan error, 1)
	go func() { _, err := getErr(c, "x"); slow <- err }()
	<-src.loaded // the reader holds "old" and has not filled the cache yet
	if err := c.Set(ctx, "x", "new"); err != nil {
		t.Fatal(err)
	}
	// Evict every key of the test but the value's own (there is none yet).
	keys, err := rdb.Keys(ctx, prefix+"*").Result()
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) > 0 {
		if err := rdb.Del(ctx, keys...).Err(); err != nil {
			t.Fatal(err)
		}
	}
	close(src.release)
	if err := <-slow; err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if v := get(t, c, "x"); v != "new" {
			t.Fatalf("read after the write returned %q: with its version key evicted, the slow reader's stale fill was accepted", v)
		}
	}
}

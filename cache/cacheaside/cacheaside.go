// Package cacheaside fronts a slow source of truth with Redis, the cache-aside way:
// read the cache; on a miss load from the source and fill the cache; on a write update
// the source and invalidate the cache.
//
// What makes it production-shaped rather than a textbook sketch:
//   - TTL with jitter, so keys filled together do not all expire together;
//   - singleflight, so N concurrent misses for one key cost one source call (no stampede);
//     the shared load runs detached from any one caller, so a caller that gives up
//     stops waiting without failing the others;
//   - versioned fills, so a slow reader cannot put back a value that a write just
//     replaced. Version keys expire, and a missing one means "do not fill", so an
//     evicted version key (maxmemory-policy allkeys-lru) costs a fill, never correctness;
//   - degraded mode: when Redis fails, reads go to the source (logged once), and
//     invalidations that could not reach Redis are retried before the cache is trusted again.
package cacheaside

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	mathrand "math/rand/v2"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"
	"golang.org/x/sync/singleflight"
)

// Source is the slow source of truth (a database, another service...).
type Source interface {
	Load(ctx context.Context, key string) (string, error)
	Store(ctx context.Context, key, value string) error
}

// Stats counts what happened; Hits+Misses is the number of reads served.
type Stats struct {
	Hits, Misses, SourceLoads, RedisErrors int64
}

// Cache is safe for concurrent use.
type Cache struct {
	rdb    *redis.Client
	src    Source
	ttl    time.Duration
	jitter time.Duration
	prefix string
	log    *slog.Logger

	loadTimeout time.Duration // bounds a shared load, whoever waits for it

	group                                  singleflight.Group
	hits, misses, sourceLoads, redisErrors atomic.Int64
	degraded                               atomic.Bool

	mu      sync.Mutex
	gen     uint64            // numbers the invalidations
	pending map[string]uint64 // keys whose invalidation has not reached Redis yet
}

// DefaultLoadTimeout bounds one load from the source and its fill.
const DefaultLoadTimeout = 10 * time.Second

// New returns a cache in front of src. Entries live ttl plus up to jitter.
func New(rdb *redis.Client, src Source, ttl, jitter time.Duration, log *slog.Logger) *Cache {
	return &Cache{rdb: rdb, src: src, ttl: ttl, jitter: jitter, prefix: "cache:", log: log,
		loadTimeout: DefaultLoadTimeout, pending: map[string]uint64{}}
}

// SetLoadTimeout sets how long one load from the source (and its fill) may take
// (DefaultLoadTimeout; a d ≤ 0 restores it). It does not depend on any caller:
// callers stop waiting when their own context ends, the load goes on for the others.
func (c *Cache) SetLoadTimeout(d time.Duration) {
	if d <= 0 {
		d = DefaultLoadTimeout
	}
	c.loadTimeout = d
}

// versionTTL is how long a version key lives after a read took it: longer than
// any load and fill, which the load timeout bounds.
func (c *Cache) versionTTL() time.Duration { return 2*c.loadTimeout + time.Second }

// SetPrefix sets the prefix of the cache's Redis keys ("cache:" by default).
func (c *Cache) SetPrefix(p string) { c.prefix = p }

// Stats returns the counters so far.
func (c *Cache) Stats() Stats {
	return Stats{c.hits.Load(), c.misses.Load(), c.sourceLoads.Load(), c.redisErrors.Load()}
}

// version returns the version token of a key (KEYS[1]), creating it from ARGV[1]
// if there is none, and (re)sets its TTL to ARGV[2] ms. Tokens are random: a
// version key that was deleted or evicted and created again never matches an old one.
var version = redis.NewScript(`
local v = redis.call('GET', KEYS[1])
if not v then
  v = ARGV[1]
  redis.call('SET', KEYS[1], v, 'PX', ARGV[2])
else
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return v`)

// fill sets the value only if the key's version is still the token seen before
// the source was read. A write in between deletes the version key; so may
// eviction. Either way the token is gone and the (possibly stale) fill is dropped.
var fill = redis.NewScript(`
if redis.call('GET', KEYS[2]) == ARGV[2] then
  return redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
end
return false`)

// Get returns the value for key from Redis, or from the source on a miss.
func (c *Cache) Get(ctx context.Context, key string) (string, error) {
	if c.flushPending(ctx, key) {
		v, err := c.rdb.Get(ctx, c.prefix+key).Result()
		switch {
		case err == nil:
			c.healthy()
			c.hits.Add(1)
			return v, nil
		case errors.Is(err, redis.Nil):
			c.healthy()
		default:
			c.unhealthy(err)
		}
	}
	c.misses.Add(1)
	// All concurrent misses for key share one load (and one fill). It runs on a
	// context of its own: values (trace IDs …) of the caller that started it, but
	// not its cancellation, so a caller that gives up does not fail the others.
	ch := c.group.DoChan(key, func() (any, error) {
		lctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), c.loadTimeout)
		defer cancel()
		return c.load(lctx, key)
	})
	select {
	case r := <-ch:
		if r.Err != nil {
			return "", r.Err
		}
		return r.Val.(string), nil
	case <-ctx.Done():
		return "", fmt.Errorf("get %q: %w", key, ctx.Err())
	}
}

func (c *Cache) load(ctx context.Context, key string) (string, error) {
	// A caller whose read missed just before another flight filled the key
	// starts a flight of its own once that one is over: look again first
	// (double-checked), so a burst of misses costs the source one load.
	if v, err := c.rdb.Get(ctx, c.prefix+key).Result(); err == nil {
		return v, nil
	}
	// Take the version before the source is read: a write after this point
	// deletes it, and fill refuses our (possibly old) value.
	token, verr := version.Run(ctx, c.rdb, []string{c.prefix + "v:" + key}, rand.Text(), c.versionTTL().Milliseconds()).Text()
	c.sourceLoads.Add(1)
	v, err := c.src.Load(ctx, key)
	if err != nil {
		return "", fmt.Errorf("load %q from source: %w", key, err)
	}
	if verr != nil {
		c.unhealthy(verr)
		return v, nil // Redis is down: serve from the source, fill nothing
	}
	ttl := c.ttl + mathrand.N(c.jitter+1)
	err = fill.Run(ctx, c.rdb, []string{c.prefix + key, c.prefix + "v:" + key}, v, token, ttl.Milliseconds()).Err()
	if err != nil && !errors.Is(err, redis.Nil) {
		c.unhealthy(err)
	}
	return v, nil
}

// Set writes value to the source, then invalidates the cached entry. The source
// is written first: if invalidation fails, the entry is remembered and removed
// before Redis is read for that key again, so no one sees the old value.
func (c *Cache) Set(ctx context.Context, key, value string) error {
	if err := c.src.Store(ctx, key, value); err != nil {
		return fmt.Errorf("store %q in source: %w", key, err)
	}
	c.group.Forget(key) // a load already in flight may hold the old value
	c.mu.Lock()
	c.gen++
	c.pending[key] = c.gen
	c.mu.Unlock()
	if !c.flushPending(ctx, key) {
		c.log.Warn("invalidation deferred until redis answers", "key", key)
	}
	return nil
}

// flushPending invalidates key in Redis if an earlier invalidation is pending. It
// reports whether Redis may be read for key.
func (c *Cache) flushPending(ctx context.Context, key string) bool {
	c.mu.Lock()
	gen, ok := c.pending[key]
	c.mu.Unlock()
	if !ok {
		return true
	}
	// Deleting the version makes in-flight fills of the old value fail; one DEL
	// removes both keys atomically.
	if err := c.rdb.Del(ctx, c.prefix+"v:"+key, c.prefix+key).Err(); err != nil {
		c.unhealthy(err)
		return false
	}
	c.mu.Lock()
	if c.pending[key] == gen { // a newer write may have queued its own invalidation
		delete(c.pending, key)
	}
	c.mu.Unlock()
	return true
}

func (c *Cache) unhealthy(err error) {
	c.redisErrors.Add(1)
	if c.degraded.CompareAndSwap(false, true) {
		c.log.Warn("redis unavailable, serving from the source", "err", err)
	}
}

func (c *Cache) healthy() {
	if c.degraded.CompareAndSwap(true, false) {
		c.log.Info("redis is back, caching again")
	}
}

// ErrNotFound is returned by a Source for a key it does not hold. Misses of the
// source are not cached here; a real system may cache them briefly ("negative caching").
var ErrNotFound = errors.New("not found")

// ClientOptions parses a redis:// URL (or a bare host:port) into options for a
// cache's client: short timeouts, no retries, one dial attempt. A cache must fail
// fast: when Redis is gone, a read should fall back to the source within
// milliseconds instead of waiting out the defaults (seconds of retries and backoff).
func ClientOptions(url string) (*redis.Options, error) {
	if !strings.Contains(url, "://") {
		url = "redis://" + url
	}
	opt, err := redis.ParseURL(url)
	if err != nil {
		return nil, fmt.Errorf("parse Redis URL %q: %w", url, err)
	}
	opt.DialTimeout = 200 * time.Millisecond
	opt.ReadTimeout = 200 * time.Millisecond
	opt.WriteTimeout = 200 * time.Millisecond
	opt.MaxRetries = -1   // -1: no retries (0 would mean the default, 3)
	opt.DialerRetries = 1 // one dial attempt per command
	return opt, nil
}

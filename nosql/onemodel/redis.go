package onemodel

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"example.com/cloudgo/nosql/internal/redisconn"
)

// Redis keeps users and orders as hashes and maintains its own indexes as
// sorted sets, all under one key prefix:
//
//	PREFIXuser:ID           hash  name, email, orders (a count)
//	PREFIXorder:ID          hash  user, name (a copy), at (Unix ms), total, items (JSON)
//	PREFIXuser:ID:orders    zset  order ids scored by time   (question 1)
//	PREFIXcustomers:spend   zset  user ids scored by spend   (question 2)
//	PREFIXorders:time       zset  order ids scored by time   (question 3)
type Redis struct {
	meter
	rdb    *redis.Client
	prefix string
}

// OpenRedis connects to addr (redis:// URL or host:port); keys start with prefix.
func OpenRedis(ctx context.Context, addr, prefix string) (*Redis, error) {
	rdb, err := redisconn.Connect(ctx, addr)
	if err != nil {
		return nil, err
	}
	r := &Redis{rdb: rdb, prefix: prefix}
	rdb.AddHook(redisHook{&r.meter})
	return r, nil
}

// redisHook counts a command, or a whole pipeline, as one round trip, and each
// command that writes a key as one write. What go-redis sends once when it opens
// a connection (HELLO, CLIENT SETINFO, ...) is not counted: it is not the cost of
// an order.
type redisHook struct{ m *meter }

var (
	redisWrites = map[string]bool{"hset": true, "hincrby": true, "zadd": true, "zincrby": true, "del": true}
	redisSetup  = map[string]bool{"hello": true, "auth": true, "select": true, "client": true}
)

func (redisHook) DialHook(next redis.DialHook) redis.DialHook { return next }

func (h redisHook) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		h.count([]redis.Cmder{cmd})
		return next(ctx, cmd)
	}
}

func (h redisHook) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		h.count(cmds)
		return next(ctx, cmds)
	}
}

func (h redisHook) count(cmds []redis.Cmder) {
	var trips, writes int64
	for _, c := range cmds {
		if !redisSetup[c.Name()] {
			trips = 1
		}
		if redisWrites[c.Name()] {
			writes++
		}
	}
	h.m.add(trips, writes)
}

func (r *Redis) key(parts ...string) string { return r.prefix + strings.Join(parts, ":") }

func (r *Redis) Name() string { return "redis" }
func (r *Redis) Unit() string { return "keys" }
func (r *Redis) Close() error { return r.rdb.Close() }

// Reset deletes every key under the prefix (SCAN, then DEL in batches).
func (r *Redis) Reset(ctx context.Context) error {
	iter := r.rdb.Scan(ctx, 0, globEscape(r.prefix)+"*", 500).Iterator()
	var keys []string
	for iter.Next(ctx) {
		keys = append(keys, iter.Val())
	}
	if err := iter.Err(); err != nil {
		return fmt.Errorf("redis: scan %s*: %w", r.prefix, err)
	}
	for len(keys) > 0 {
		n := min(len(keys), 500)
		if err := r.rdb.Del(ctx, keys[:n]...).Err(); err != nil {
			return fmt.Errorf("redis: delete keys under %s: %w", r.prefix, err)
		}
		keys = keys[n:]
	}
	return nil
}

// globEscape quotes the characters SCAN MATCH treats as a pattern.
func globEscape(s string) string {
	var b strings.Builder
	for _, c := range s {
		if strings.ContainsRune(`*?[]\`, c) {
			b.WriteByte('\\')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func (r *Redis) AddUser(ctx context.Context, u User) error {
	if err := r.rdb.HSet(ctx, r.key("user", u.ID), "name", u.Name, "email", u.Email, "orders", 0).Err(); err != nil {
		return fmt.Errorf("redis: write user %s: %w", u.ID, err)
	}
	return nil
}

// PlaceOrder reads the user's name (no foreign keys; the name is copied into the
// order), then sends the order and the updates of every index in one MULTI/EXEC:
// one round trip, applied together.
func (r *Redis) PlaceOrder(ctx context.Context, o Order) error {
	name, err := r.rdb.HGet(ctx, r.key("user", o.UserID), "name").Result()
	if errors.Is(err, redis.Nil) {
		return fmt.Errorf("%w %s: no hash %s (read before writing)", ErrUnknownUser, o.UserID, r.key("user", o.UserID))
	}
	if err != nil {
		return fmt.Errorf("redis: read user %s: %w", o.UserID, err)
	}
	items, err := json.Marshal(o.Items)
	if err != nil {
		return err
	}
	at := float64(o.At.UnixMilli())
	_, err = r.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.HSet(ctx, r.key("order", o.ID), "user", o.UserID, "name", name, "at", o.At.UnixMilli(), "total", o.Total(), "items", items)
		p.ZAdd(ctx, r.key("user", o.UserID, "orders"), redis.Z{Score: at, Member: o.ID})
		p.ZAdd(ctx, r.key("orders", "time"), redis.Z{Score: at, Member: o.ID})
		p.ZIncrBy(ctx, r.key("customers", "spend"), float64(o.Total()), o.UserID)
		p.HIncrBy(ctx, r.key("user", o.UserID), "orders", 1)
		return nil
	})
	if err != nil {
		return fmt.Errorf("redis: write order %s: %w", o.ID, err)
	}
	return nil
}

// UserOrders reads the user's index newest first, then the orders in one pipeline.
func (r *Redis) UserOrders(ctx context.Context, user string) ([]Summary, error) {
	ids, err := r.rdb.ZRangeArgs(ctx, redis.ZRangeArgs{Key: r.key("user", user, "orders"), Start: 0, Stop: -1, Rev: true}).Result()
	if err != nil {
		return nil, fmt.Errorf("redis: read orders of %s: %w", user, err)
	}
	return r.orders(ctx, ids)
}

// OrdersBetween reads the time index by score, "(" making the end exclusive.
func (r *Redis) OrdersBetween(ctx context.Context, from, to time.Time) ([]Summary, error) {
	ids, err := r.rdb.ZRangeArgs(ctx, redis.ZRangeArgs{
		Key: r.key("orders", "time"), ByScore: true,
		Start: strconv.FormatInt(from.UnixMilli(), 10), Stop: "(" + strconv.FormatInt(to.UnixMilli(), 10),
	}).Result()
	if err != nil {
		return nil, fmt.Errorf("redis: read orders by time: %w", err)
	}
	return r.orders(ctx, ids)
}

func (r *Redis) orders(ctx context.Context, ids []string) ([]Summary, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	cmds := make([]*redis.SliceCmd, len(ids))
	_, err := r.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, id := range ids {
			cmds[i] = p.HMGet(ctx, r.key("order", id), "user", "name", "at", "total")
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("redis: read orders: %w", err)
	}
	list := make([]Summary, len(ids))
	for i, c := range cmds {
		var h struct {
			User  string `redis:"user"`
			Name  string `redis:"name"`
			At    int64  `redis:"at"`
			Total int64  `redis:"total"`
		}
		if err := c.Scan(&h); err != nil {
			return nil, fmt.Errorf("redis: read order %s: %w", ids[i], err)
		}
		list[i] = Summary{Order: ids[i], User: h.User, Name: h.Name, At: time.UnixMilli(h.At).UTC(), Total: h.Total}
	}
	return list, nil
}

// TopCustomers reads the spend index highest first, then names and counts in one pipeline.
func (r *Redis) TopCustomers(ctx context.Context, n int) ([]Spend, error) {
	top, err := r.rdb.ZRevRangeWithScores(ctx, r.key("customers", "spend"), 0, int64(n-1)).Result()
	if err != nil {
		return nil, fmt.Errorf("redis: read spend index: %w", err)
	}
	if len(top) == 0 {
		return nil, nil
	}
	cmds := make([]*redis.SliceCmd, len(top))
	_, err = r.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, z := range top {
			cmds[i] = p.HMGet(ctx, r.key("user", z.Member.(string)), "name", "orders")
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("redis: read customers: %w", err)
	}
	list := make([]Spend, len(top))
	for i, c := range cmds {
		var h struct {
			Name   string `redis:"name"`
			Orders int    `redis:"orders"`
		}
		if err := c.Scan(&h); err != nil {
			return nil, fmt.Errorf("redis: read customer: %w", err)
		}
		list[i] = Spend{User: top[i].Member.(string), Name: h.Name, Orders: h.Orders, Total: int64(top[i].Score)}
	}
	return list, nil
}

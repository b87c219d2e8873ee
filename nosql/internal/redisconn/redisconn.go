// Package redisconn builds the go-redis clients the nosql examples share.
package redisconn

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// DefaultURL is where compose.yaml publishes Redis.
const DefaultURL = "redis://127.0.0.1:6379/0"

// Connect builds a client from a redis:// URL or a bare host:port, with timeouts
// on every network step so that a dead server fails fast, and checks that the
// server answers.
func Connect(ctx context.Context, addr string) (*redis.Client, error) {
	if !strings.Contains(addr, "://") {
		addr = "redis://" + addr
	}
	opt, err := redis.ParseURL(addr)
	if err != nil {
		return nil, fmt.Errorf("parse Redis URL %q: %w", addr, err)
	}
	opt.DialTimeout, opt.ReadTimeout, opt.WriteTimeout = 2*time.Second, 2*time.Second, 2*time.Second
	opt.MaxRetries = 1
	rdb := redis.NewClient(opt)
	if err := rdb.Ping(ctx).Err(); err != nil {
		rdb.Close()
		return nil, fmt.Errorf("redis at %s is unreachable (start it with `make up`): %w", opt.Addr, err)
	}
	return rdb, nil
}

// Silence discards go-redis's own log lines: the error an example returns already
// says what failed, so its output stays one line.
func Silence() { redis.SetLogger(silent{}) }

type silent struct{}

func (silent) Printf(context.Context, string, ...any) {}

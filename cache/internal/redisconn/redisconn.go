// Package redisconn builds the go-redis clients of the cache examples from a
// redis:// URL or a bare host:port.
package redisconn

import (
	"context"
	"fmt"
	"strings"

	"github.com/redis/go-redis/v9"

	"example.com/cloudgo/cache/internal/cli"
)

// DefaultURL is where compose.yaml publishes Redis.
const DefaultURL = "redis://127.0.0.1:6379/0"

// ParseURL parses a redis:// URL (redis://[:password@]host:port/db) or a bare
// host:port. A malformed one is the caller's mistake: a usage error (exit status 2).
func ParseURL(url string) (*redis.Options, error) {
	if !strings.Contains(url, "://") {
		url = "redis://" + url
	}
	opt, err := redis.ParseURL(url)
	if err != nil {
		return nil, cli.Usagef("-addr: %v", err)
	}
	return opt, nil
}

// Ping checks that the server answers, with the one-line hint of every example.
func Ping(ctx context.Context, rdb *redis.Client) error {
	if err := rdb.Ping(ctx).Err(); err != nil {
		return fmt.Errorf("redis at %s is unreachable (start it with `make up`): %w", rdb.Options().Addr, err)
	}
	return nil
}

// Silence discards go-redis's own log lines. What it logs here is its pool's
// "connection pool: failed to dial after 5 attempts: …" for an unreachable server,
// once per attempt, before the command returns the same error, which the example
// already reports in one line naming the address. (It is not the maintenance
// notifications handshake: in go-redis' default auto mode that one fails silently on
// servers without it, so there is no MaintNotificationsConfig to set.)
func Silence() { redis.SetLogger(silent{}) }

type silent struct{}

func (silent) Printf(context.Context, string, ...any) {}

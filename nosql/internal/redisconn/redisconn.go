// Package redisconn builds the go-redis clients the nosql examples share.
package redisconn

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"example.com/cloudgo/nosql/internal/cli"
)

// DefaultURL is where compose.yaml publishes Redis.
const DefaultURL = "redis://127.0.0.1:6379/0"

// Flags are the flags every Redis example takes.
type Flags struct {
	Addr    string        // -addr: redis:// URL or host:port
	Prefix  string        // -prefix: namespace of the program's keys
	Timeout time.Duration // -timeout: bounds the whole run
}

// RegisterFlags defines -addr (env REDIS_URL), -prefix and -timeout on fs.
func RegisterFlags(fs *flag.FlagSet, timeout time.Duration) *Flags {
	f := &Flags{}
	fs.StringVar(&f.Addr, "addr", cli.Env("REDIS_URL", DefaultURL), "Redis URL (redis://[:password@]host:port/db) or host:port (env REDIS_URL)")
	fs.StringVar(&f.Prefix, "prefix", "cloudgo:", "namespace for this program's keys (they are deleted and rewritten)")
	fs.DurationVar(&f.Timeout, "timeout", timeout, "how long the whole run may take")
	return f
}

// Check refuses flag values that cannot work, as usage errors (exit status 2).
func (f *Flags) Check() error {
	if f.Timeout <= 0 {
		return cli.Usagef("-timeout must be positive, got %v", f.Timeout)
	}
	if f.Prefix == "" {
		return cli.Usagef("-prefix must not be empty: the program deletes its keys, and without a prefix they are anyone's")
	}
	if _, err := parse(f.Addr); err != nil {
		return cli.Usagef("-addr: %v", err)
	}
	return nil
}

func parse(addr string) (*redis.Options, error) {
	if !strings.Contains(addr, "://") {
		addr = "redis://" + addr
	}
	opt, err := redis.ParseURL(addr)
	if err != nil {
		return nil, fmt.Errorf("parse Redis URL %q: %w", addr, err)
	}
	return opt, nil
}

// Connect builds a client from a redis:// URL or a bare host:port, with timeouts
// on every network step so that a dead server fails fast, and checks that the
// server answers. A malformed URL is a usage error (exit status 2).
func Connect(ctx context.Context, addr string) (*redis.Client, error) {
	opt, err := parse(addr)
	if err != nil {
		return nil, cli.Usagef("-addr: %v", err)
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

// Silence discards go-redis's own log lines. What it logs here is its pool's
// "connection pool: failed to dial after 5 attempts: …" for an unreachable server,
// once per attempt, before the command returns the same error, which the example
// already reports in one line naming the address. (It is not the maintenance
// notifications handshake: in go-redis' default auto mode that one fails silently on
// servers without it, so there is no MaintNotificationsConfig to set.)
func Silence() { redis.SetLogger(silent{}) }

type silent struct{}

func (silent) Printf(context.Context, string, ...any) {}

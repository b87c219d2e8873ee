// Command scripting runs Lua inside Redis with redis.NewScript. A script runs
// atomically, like a command of its own, and decides on the server: here a
// fixed-window rate limiter (INCR, and EXPIRE on the first hit) and a lock that
// is released only by its holder (compare-and-delete), both impossible to do
// safely from the client in two round trips.
//
//	go run ./redis/scripting -addr redis://127.0.0.1:6379/0   (or REDIS_URL)
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/redis/go-redis/v9"

	"example.com/cloudgo/nosql/internal/cli"
	"example.com/cloudgo/nosql/internal/redisconn"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("scripting", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("scripting", flag.ContinueOnError)
	fs.SetOutput(stderr)
	conn := redisconn.RegisterFlags(fs, 30*time.Second)
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if err := conn.Check(); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, conn.Timeout)
	defer cancel()
	redisconn.Silence()
	return walk(ctx, conn.Addr, conn.Prefix, stdout)
}

// allowScript counts a hit in the current window and says whether it is within the
// limit. Keys go in KEYS, values in ARGV: that is how Redis Cluster knows which
// node a script touches. Run sends EVALSHA and falls back to EVAL (loading the
// script) the first time, so the script text crosses the network once.
var allowScript = redis.NewScript(`
local n = redis.call('INCR', KEYS[1])
if n == 1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
if n > tonumber(ARGV[1]) then
  return 0
end
return 1
`)

// unlock deletes the lock only if it still holds our token: a client whose lock
// expired must not delete the lock someone else holds now.
var unlock = redis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`)

// allow reports whether one more request on key fits limit per window.
func allow(ctx context.Context, rdb *redis.Client, key string, limit int, window time.Duration) (bool, error) {
	ok, err := allowScript.Run(ctx, rdb, []string{key}, limit, window.Milliseconds()).Bool()
	if err != nil {
		return false, fmt.Errorf("rate limit %s: %w", key, err)
	}
	return ok, nil
}

func walk(ctx context.Context, addr, prefix string, out io.Writer) error {
	rdb, err := redisconn.Connect(ctx, addr)
	if err != nil {
		return err
	}
	defer rdb.Close()
	rate, lock := prefix+"rate:ada", prefix+"lock:report"
	if err := rdb.Del(ctx, rate, lock).Err(); err != nil {
		return fmt.Errorf("clean up: %w", err)
	}

	var verdicts []bool
	for range 5 {
		ok, err := allow(ctx, rdb, rate, 3, time.Minute)
		if err != nil {
			return err
		}
		verdicts = append(verdicts, ok)
	}
	fmt.Fprintf(out, "5 requests, limit 3 per minute: %v\n", verdicts)

	rdb.Set(ctx, lock, "token-B", 30*time.Second) // B holds the lock now
	for _, token := range []string{"token-A", "token-B"} {
		n, err := unlock.Run(ctx, rdb, []string{lock}, token).Int()
		if err != nil {
			return fmt.Errorf("unlock %s: %w", lock, err)
		}
		fmt.Fprintf(out, "unlock with %s: released=%v\n", token, n == 1)
	}

	// An error inside the script comes back as a Redis error naming the line.
	bad := redis.NewScript(`return redis.call('INCR', KEYS[1], 'extra')`)
	fmt.Fprintf(out, "bad script: %v\n", bad.Run(ctx, rdb, []string{rate}).Err())
	return nil
}

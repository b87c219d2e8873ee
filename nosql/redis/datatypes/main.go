// Command datatypes uses Redis as a database of data structures, not just a
// key → string cache: strings (with atomic INCR), hashes as user profiles, and
// sets for tags, each with the commands that make the type worth having.
//
//	go run ./redis/datatypes -addr redis://127.0.0.1:6379/0   (or REDIS_URL; `make up` starts one)
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"syscall"
	"time"

	"example.com/cloudgo/nosql/internal/cli"
	"example.com/cloudgo/nosql/internal/redisconn"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("datatypes", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("datatypes", flag.ContinueOnError)
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

// profile is a user profile stored as a Redis hash; the redis tags name the fields.
type profile struct {
	Name   string `redis:"name"`
	Email  string `redis:"email"`
	Logins int    `redis:"logins"`
}

func walk(ctx context.Context, addr, prefix string, out io.Writer) error {
	rdb, err := redisconn.Connect(ctx, addr)
	if err != nil {
		return err
	}
	defer rdb.Close()
	k := func(name string) string { return prefix + name }
	say := func(format string, args ...any) { fmt.Fprintf(out, format+"\n", args...) }
	if err := rdb.Del(ctx, k("visits"), k("user:1"), k("user:2"), k("tags:go"), k("tags:redis")).Err(); err != nil {
		return fmt.Errorf("clean up: %w", err)
	}

	// Strings: INCR is atomic on the server, so concurrent clients never lose a
	// count the way GET + SET would.
	rdb.Set(ctx, k("visits"), 41, 0)
	visits, err := rdb.Incr(ctx, k("visits")).Result()
	if err != nil {
		return fmt.Errorf("incr visits: %w", err)
	}
	say("string visits after INCR: %d", visits)

	// Hashes: one key per user, one field per attribute. Fields are read and
	// written one at a time (HINCRBY logins) without rewriting the whole record.
	if err := rdb.HSet(ctx, k("user:1"), profile{Name: "Ada", Email: "ada@example.com"}).Err(); err != nil {
		return fmt.Errorf("hset user:1: %w", err)
	}
	rdb.HIncrBy(ctx, k("user:1"), "logins", 3)
	var p profile
	if err := rdb.HGetAll(ctx, k("user:1")).Scan(&p); err != nil {
		return fmt.Errorf("hgetall user:1: %w", err)
	}
	say("hash user:1: %+v", p)
	email, err := rdb.HGet(ctx, k("user:1"), "email").Result()
	if err != nil {
		return fmt.Errorf("hget user:1 email: %w", err)
	}
	say("hget user:1 email: %s", email)

	// A command for the wrong type is refused, and the key is left as it was.
	err = rdb.Incr(ctx, k("user:1")).Err()
	say("INCR on a hash: %v", err)

	// Sets: unordered, unique members, with server-side set algebra.
	rdb.SAdd(ctx, k("tags:go"), "ada", "grace", "linus")
	rdb.SAdd(ctx, k("tags:redis"), "grace", "salvatore", "ada", "ada")
	both, err := rdb.SInter(ctx, k("tags:go"), k("tags:redis")).Result()
	if err != nil {
		return fmt.Errorf("sinter: %w", err)
	}
	n := rdb.SCard(ctx, k("tags:redis")).Val()
	member := rdb.SIsMember(ctx, k("tags:go"), "linus").Val()
	slices.Sort(both) // sets have no order
	say("set tags:redis has %d members (ada added twice); in both: %v; linus in tags:go: %v", n, both, member)
	return nil
}

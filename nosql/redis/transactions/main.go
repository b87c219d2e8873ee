// Command transactions shows Redis's two kinds of transaction: MULTI/EXEC
// (TxPipelined), which runs a group of commands with nothing in between, and
// WATCH, optimistic locking for read-modify-write: EXEC fails if a watched key
// changed since it was read, and the client retries.
//
//	go run ./redis/transactions -addr redis://127.0.0.1:6379/0   (or REDIS_URL)
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/signal"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/redis/go-redis/v9"

	"example.com/cloudgo/nosql/internal/cli"
	"example.com/cloudgo/nosql/internal/redisconn"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("transactions", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("transactions", flag.ContinueOnError)
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

// errConflict says the optimistic lock lost too often in a row.
var errConflict = errors.New("too many concurrent updates")

// addWatched adds delta to the integer at key with GET + SET, made safe by
// WATCH: if another client changes key between our GET and our EXEC, EXEC
// aborts (redis.TxFailedErr) and we start over with the new value. Plain INCRBY
// would do this particular job atomically; WATCH is for changes Redis has no
// single command for (here: computed in Go). It returns how many tries it took.
func addWatched(ctx context.Context, rdb *redis.Client, key string, delta int) (tries int, err error) {
	for tries = 1; tries <= 1000; tries++ {
		err = rdb.Watch(ctx, func(tx *redis.Tx) error {
			n, err := tx.Get(ctx, key).Int()
			if err != nil && !errors.Is(err, redis.Nil) {
				return err
			}
			_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
				p.Set(ctx, key, strconv.Itoa(n+delta), 0)
				return nil
			})
			return err
		}, key)
		if !errors.Is(err, redis.TxFailedErr) {
			break
		}
		// Lost the race: wait a random moment that grows with each loss, so the
		// clients that collided do not collide again at once.
		select {
		case <-time.After(time.Duration(rand.Int64N(int64(min(tries, 5)) * int64(time.Millisecond)))):
		case <-ctx.Done():
			return tries, fmt.Errorf("add to %s: %w", key, ctx.Err())
		}
	}
	if errors.Is(err, redis.TxFailedErr) {
		return tries, fmt.Errorf("add to %s: %w", key, errConflict)
	}
	if err != nil {
		return tries, fmt.Errorf("add to %s: %w", key, err)
	}
	return tries, nil
}

func walk(ctx context.Context, addr, prefix string, out io.Writer) error {
	rdb, err := redisconn.Connect(ctx, addr)
	if err != nil {
		return err
	}
	defer rdb.Close()
	k := func(name string) string { return prefix + name }
	if err := rdb.Del(ctx, k("stock:kettle"), k("orders"), k("counter")).Err(); err != nil {
		return fmt.Errorf("clean up: %w", err)
	}
	rdb.Set(ctx, k("stock:kettle"), 5, 0)

	// MULTI/EXEC: the two writes are applied together, and no other client's
	// command runs between them. There is no rollback: a command that fails at
	// run time (wrong type) fails alone and the others still apply.
	cmds, err := rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.DecrBy(ctx, k("stock:kettle"), 1)
		p.RPush(ctx, k("orders"), "kettle for ada")
		return nil
	})
	if err != nil {
		return fmt.Errorf("place order: %w", err)
	}
	fmt.Fprintf(out, "MULTI/EXEC: stock %d, orders %d\n", cmds[0].(*redis.IntCmd).Val(), cmds[1].(*redis.IntCmd).Val())

	// WATCH: 10 clients each add 1 ten times through the optimistic lock.
	// Conflicts happen and are retried; no update is lost.
	var (
		wg        sync.WaitGroup
		mu        sync.Mutex
		firstFail error
	)
	for range 10 {
		wg.Go(func() {
			for range 10 {
				_, err := addWatched(ctx, rdb, k("counter"), 1)
				mu.Lock()
				if err != nil && firstFail == nil {
					firstFail = err
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if firstFail != nil {
		return firstFail
	}
	n, err := rdb.Get(ctx, k("counter")).Int()
	if err != nil {
		return fmt.Errorf("get counter: %w", err)
	}
	// How many retries it took varies from run to run; the total does not.
	fmt.Fprintf(out, "WATCH: 10 clients × 10 increments = %d\n", n)
	return nil
}

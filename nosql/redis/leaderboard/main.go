// Command leaderboard keeps game scores in a sorted set: members ordered by score,
// with O(log n) updates and rank queries, which is exactly what a leaderboard needs.
//
//	go run ./redis/leaderboard -addr redis://127.0.0.1:6379/0   (or REDIS_URL)
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
	cli.Exit("leaderboard", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("leaderboard", flag.ContinueOnError)
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

func walk(ctx context.Context, addr, prefix string, out io.Writer) error {
	rdb, err := redisconn.Connect(ctx, addr)
	if err != nil {
		return err
	}
	defer rdb.Close()
	board := prefix + "leaderboard"
	if err := rdb.Del(ctx, board).Err(); err != nil {
		return fmt.Errorf("clean up %s: %w", board, err)
	}

	// ZADD sets a score; ZINCRBY adds to it atomically (points won in a round).
	if err := rdb.ZAdd(ctx, board,
		redis.Z{Score: 120, Member: "ada"}, redis.Z{Score: 95, Member: "grace"},
		redis.Z{Score: 150, Member: "linus"}, redis.Z{Score: 95, Member: "barbara"},
	).Err(); err != nil {
		return fmt.Errorf("zadd %s: %w", board, err)
	}
	if err := rdb.ZIncrBy(ctx, board, 40, "grace").Err(); err != nil {
		return fmt.Errorf("zincrby grace: %w", err)
	}

	// Top 3, highest first. Equal scores are ordered by member name.
	top, err := rdb.ZRevRangeWithScores(ctx, board, 0, 2).Result()
	if err != nil {
		return fmt.Errorf("zrevrange %s: %w", board, err)
	}
	fmt.Fprintln(out, "top 3:")
	for i, z := range top {
		fmt.Fprintf(out, "  %d. %-6s %4.0f\n", i+1, z.Member, z.Score)
	}

	// A player's own rank without reading the whole board (0 = first).
	rank, err := rdb.ZRevRank(ctx, board, "ada").Result()
	if err != nil {
		return fmt.Errorf("zrevrank ada: %w", err)
	}
	fmt.Fprintf(out, "ada is #%d of %d\n", rank+1, rdb.ZCard(ctx, board).Val())

	// Everyone between 100 and 140 points, lowest first.
	mid, err := rdb.ZRangeArgs(ctx, redis.ZRangeArgs{Key: board, ByScore: true, Start: "100", Stop: "140"}).Result()
	if err != nil {
		return fmt.Errorf("zrange byscore %s: %w", board, err)
	}
	fmt.Fprintf(out, "scores 100..140: %v\n", mid)

	// An unknown player has no rank: redis.Nil, not a zero.
	_, err = rdb.ZRevRank(ctx, board, "nobody").Result()
	fmt.Fprintf(out, "rank of nobody: %v\n", err)
	return nil
}

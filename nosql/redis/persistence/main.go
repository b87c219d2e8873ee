// Command persistence shows how Redis keeps an in-memory dataset on disk. RDB
// writes a point-in-time snapshot (BGSAVE, or the `save` rules): compact and
// quick to load, but a crash loses the writes since the last snapshot. AOF
// (appendonly yes) logs every write and replays the log on start: with
// appendfsync everysec a crash loses at most about a second. Production usually
// runs both. This program prints the server's settings, writes a key, and takes
// an RDB snapshot; the test restarts a server with AOF on and finds the key.
//
//	go run ./redis/persistence -addr redis://127.0.0.1:6379/0   (or REDIS_URL)
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/redis/go-redis/v9"

	"example.com/cloudgo/nosql/internal/cli"
	"example.com/cloudgo/nosql/internal/redisconn"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("persistence", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("persistence", flag.ContinueOnError)
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

	conf, err := rdb.ConfigGet(ctx, "*").Result()
	if err != nil {
		return fmt.Errorf("config get: %w", err)
	}
	fmt.Fprintf(out, "appendonly %s, appendfsync %s, save %q\n", conf["appendonly"], conf["appendfsync"], conf["save"])

	key := prefix + "persisted"
	if err := rdb.Set(ctx, key, "survives a restart", 0).Err(); err != nil {
		return fmt.Errorf("set %s: %w", key, err)
	}
	if conf["appendonly"] == "yes" {
		fmt.Fprintf(out, "SET %s: logged to the AOF, replayed on restart\n", key)
	} else {
		fmt.Fprintf(out, "SET %s: in memory only until the next snapshot\n", key)
	}

	// BGSAVE forks; the child writes the snapshot while the parent keeps serving.
	before, err := rdb.LastSave(ctx).Result()
	if err != nil {
		return fmt.Errorf("lastsave: %w", err)
	}
	if err := rdb.BgSave(ctx).Err(); err != nil && !strings.Contains(err.Error(), "in progress") {
		return fmt.Errorf("bgsave: %w", err)
	}
	for {
		info, err := infoSection(ctx, rdb, "persistence")
		if err != nil {
			return err
		}
		last, _ := rdb.LastSave(ctx).Result()
		if info["rdb_bgsave_in_progress"] == "0" && last >= before {
			fmt.Fprintf(out, "BGSAVE: status %s, changes since: %s\n", info["rdb_last_bgsave_status"], info["rdb_changes_since_last_save"])
			return nil
		}
		select {
		case <-time.After(50 * time.Millisecond):
		case <-ctx.Done():
			return fmt.Errorf("wait for BGSAVE: %w", ctx.Err())
		}
	}
}

// infoSection returns one section of INFO as field → value.
func infoSection(ctx context.Context, rdb *redis.Client, section string) (map[string]string, error) {
	text, err := rdb.Info(ctx, section).Result()
	if err != nil {
		return nil, fmt.Errorf("info %s: %w", section, err)
	}
	fields := map[string]string{}
	for line := range strings.Lines(text) {
		if k, v, ok := strings.Cut(strings.TrimSpace(line), ":"); ok {
			fields[k] = v
		}
	}
	return fields, nil
}

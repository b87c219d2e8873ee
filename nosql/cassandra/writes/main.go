// Command writes shows how Cassandra applies writes: a batch that puts an order
// and its lines into one partition atomically, TTL (data that deletes itself),
// and WRITETIME, the per-cell timestamp behind "last write wins".
//
//	go run ./cassandra/writes -hosts 127.0.0.1:9042   (or CASSANDRA_HOSTS)
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	gocql "github.com/apache/cassandra-gocql-driver/v2"

	"example.com/cloudgo/nosql/internal/cli"
	"example.com/cloudgo/nosql/internal/cqlconn"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("writes", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("writes", flag.ContinueOnError)
	fs.SetOutput(stderr)
	conn := cqlconn.RegisterFlags(fs, "cloudgo", time.Minute)
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if err := conn.Check(); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, conn.Timeout)
	defer cancel()
	return walk(ctx, conn.Hosts, conn.Keyspace, stdout)
}

func walk(ctx context.Context, hosts, keyspace string, out io.Writer) error {
	s, err := cqlconn.Open(ctx, hosts, keyspace)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := cqlconn.Recreate(ctx, s, tables...); err != nil {
		return err
	}
	say := func(format string, args ...any) { fmt.Fprintf(out, format+"\n", args...) }

	// A batch whose statements all hit one partition becomes a single mutation on
	// one replica set: all or nothing, and no reader sees half of it. That is
	// what batches are for. A batch spanning many partitions is also atomic (the
	// batch log), but it makes one coordinator do everyone's work: slower than
	// separate concurrent writes (see the benchmark in bench_test.go).
	b := s.Batch(gocql.LoggedBatch)
	b.Query(`INSERT INTO order_lines (order_id, status) VALUES (?, ?)`, "order-7", "placed")
	for i, item := range []string{"kettle", "teapot", "mugs"} {
		b.Query(`INSERT INTO order_lines (order_id, line, item, qty) VALUES (?, ?, ?, ?)`, "order-7", i+1, item, i+1)
	}
	if err := b.ExecContext(ctx); err != nil {
		return fmt.Errorf("batch order-7: %w", err)
	}
	iter := s.Query(`SELECT line, item, qty, status FROM order_lines WHERE order_id = ?`, "order-7").IterContext(ctx)
	var (
		line, qty    int
		item, status string
	)
	for iter.Scan(&line, &item, &qty, &status) {
		say("order-7 line %d: %d × %s (order %s)", line, qty, item, status)
	}
	if err := iter.Close(); err != nil {
		return fmt.Errorf("select order-7: %w", err)
	}

	// TTL: every cell written with USING TTL expires by itself. No cleanup job,
	// and TTL(column) says how many seconds are left.
	if err := s.Query(`INSERT INTO sessions (session_id, user_name) VALUES (?, ?) USING TTL 2`, "tok-1", "alice").ExecContext(ctx); err != nil {
		return fmt.Errorf("insert session tok-1: %w", err)
	}
	var ttl int
	err = s.Query(`SELECT TTL(user_name) FROM sessions WHERE session_id = ?`, "tok-1").ScanContext(ctx, &ttl)
	if err != nil && !errors.Is(err, gocql.ErrNotFound) { // not found: expired already
		return fmt.Errorf("select ttl of tok-1: %w", err)
	}
	say("session tok-1 TTL: %v (at most 2 s left)", ttl >= 0 && ttl <= 2)
	// Ask until the row is gone, for at most 10 s: it expires on the server's
	// clock, whatever the client does.
	for deadline := time.Now().Add(10 * time.Second); ; {
		var sessions int
		if err := s.Query(`SELECT count(*) FROM sessions WHERE session_id = ?`, "tok-1").ScanContext(ctx, &sessions); err != nil {
			return fmt.Errorf("count sessions: %w", err)
		}
		if sessions == 0 {
			break
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("session tok-1 still there 10 s after its 2 s TTL")
		}
		select {
		case <-time.After(100 * time.Millisecond):
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	say("session tok-1 after its 2 s TTL: 0 rows")

	// WRITETIME: each cell carries the microsecond timestamp of its write, set by
	// the client driver by default. Replicas resolve conflicts by it: the highest
	// timestamp wins, whatever order the writes arrive in.
	now := time.Now()
	if err := s.Query(`INSERT INTO profiles (user_name, email) VALUES (?, ?)`, "alice", "new@example.com").ExecContext(ctx); err != nil {
		return fmt.Errorf("insert profile alice: %w", err)
	}
	var wt int64
	if err := s.Query(`SELECT WRITETIME(email) FROM profiles WHERE user_name = ?`, "alice").ScanContext(ctx, &wt); err != nil {
		return fmt.Errorf("select writetime: %w", err)
	}
	say("writetime(email) is the write's time in µs: %v", time.UnixMicro(wt).Sub(now).Abs() < 5*time.Second)

	// A write that arrives later but carries an older timestamp (a delayed retry,
	// a slow client clock) loses: last write wins means last *timestamp* wins.
	if err := s.Query(`INSERT INTO profiles (user_name, email) VALUES (?, ?) USING TIMESTAMP ?`,
		"alice", "old@example.com", wt-1_000_000).ExecContext(ctx); err != nil {
		return fmt.Errorf("insert stale profile: %w", err)
	}
	var email string
	if err := s.Query(`SELECT email FROM profiles WHERE user_name = ?`, "alice").ScanContext(ctx, &email); err != nil {
		return fmt.Errorf("select profile alice: %w", err)
	}
	say("after a later write with an older timestamp, email is %s", email)
	return nil
}

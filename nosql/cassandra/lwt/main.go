// Command lwt shows lightweight transactions, compare-and-set made safe by Paxos
// among the replicas (about four round trips instead of one: use them where a
// race matters). INSERT ... IF NOT EXISTS claims a unique username; a conditional
// UPDATE ... IF balance = ? is an optimistic compare-and-set. ScanCAS and
// MapScanCAS tell whether the write was applied and, if not, what is there.
//
//	go run ./cassandra/lwt -hosts 127.0.0.1:9042   (or CASSANDRA_HOSTS)
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

	gocql "github.com/apache/cassandra-gocql-driver/v2"

	"example.com/cloudgo/nosql/internal/cli"
	"example.com/cloudgo/nosql/internal/cqlconn"
)

var tables = []string{
	`CREATE TABLE usernames (username text PRIMARY KEY, owner text)`,
	`CREATE TABLE accounts (id text PRIMARY KEY, balance int)`,
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("lwt", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("lwt", flag.ContinueOnError)
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

	// A plain INSERT is an upsert: the second owner would silently win. IF NOT
	// EXISTS makes the write conditional; exactly one of racing claims applies.
	for _, owner := range []string{"alice", "mallory"} {
		applied, current, err := claim(ctx, s, "neo", owner)
		if err != nil {
			return err
		}
		say("claim %q for %s: applied=%v, owner=%s", "neo", owner, applied, current)
	}

	// A conditional UPDATE is compare-and-set: "set 70 if it is still 100".
	// The row is created with IF NOT EXISTS too: plain writes skip Paxos, and
	// mixing them with conditional writes on the same row can break the
	// guarantees (use LWTs for every write of a row, or for none).
	if err := s.Query(`INSERT INTO accounts (id, balance) VALUES (?, ?) IF NOT EXISTS`, "acct-1", 100).ExecContext(ctx); err != nil {
		return fmt.Errorf("insert acct-1: %w", err)
	}
	for _, expect := range []int{100, 100} {
		// When the condition fails, the result carries the current value, so the
		// caller can retry with it without another read. ScanCAS scans it into
		// the variables after [applied].
		var current int
		applied, err := s.Query(`UPDATE accounts SET balance = ? WHERE id = ? IF balance = ?`,
			expect-30, "acct-1", expect).ScanCASContext(ctx, &current)
		if err != nil {
			return fmt.Errorf("conditional update acct-1: %w", err)
		}
		if applied {
			say("set balance %d -> %d: applied", expect, expect-30)
		} else {
			say("set balance %d -> %d: not applied, balance is %d", expect, expect-30, current)
		}
	}

	// IF EXISTS on a row that is not there: not applied, and nothing is created
	// (a plain UPDATE would have created the row).
	applied, err := s.Query(`UPDATE accounts SET balance = ? WHERE id = ? IF EXISTS`, 5, "acct-404").ScanCASContext(ctx)
	if err != nil {
		return fmt.Errorf("update acct-404 if exists: %w", err)
	}
	say("update acct-404 IF EXISTS: applied=%v", applied)
	return nil
}

// claim tries to take username for owner. MapScanCAS returns the row that is
// there when the insert is not applied (column names as keys), which works
// whatever columns the table has.
func claim(ctx context.Context, s *gocql.Session, username, owner string) (applied bool, current string, err error) {
	existing := map[string]any{}
	applied, err = s.Query(`INSERT INTO usernames (username, owner) VALUES (?, ?) IF NOT EXISTS`,
		username, owner).MapScanCASContext(ctx, existing)
	if err != nil {
		return false, "", fmt.Errorf("claim username %q: %w", username, err)
	}
	if applied {
		return true, owner, nil
	}
	current, _ = existing["owner"].(string)
	return false, current, nil
}

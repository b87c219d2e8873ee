// Command bynonkey answers the Python original's `SELECT * FROM users WHERE first_name='John'`,
// which Cassandra refuses: first_name is not part of the primary key, so no node
// knows where the Johns are. It shows the refusal and the three right answers: a
// query table designed for that access path, a secondary (SAI) index, and ALLOW
// FILTERING where the scan is bounded to one partition.
//
//	go run ./cassandra/bynonkey -hosts 127.0.0.1:9042   (or CASSANDRA_HOSTS)
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

	gocql "github.com/apache/cassandra-gocql-driver/v2"

	"example.com/cloudgo/nosql/internal/cli"
	"example.com/cloudgo/nosql/internal/cqlconn"
)

var tables = []string{
	// The Python original's table: the partition key is user_id, and only user_id.
	`CREATE TABLE users (user_id uuid PRIMARY KEY, first_name text, last_name text, email text)`,
	// The query table: one partition per first name, so "all Johns" is one
	// partition on one replica set. Inside it rows are sorted by the clustering
	// columns; user_id is there to keep two John Does apart.
	`CREATE TABLE users_by_first_name (
	first_name text,
	last_name  text,
	user_id    uuid,
	email      text,
	PRIMARY KEY ((first_name), last_name, user_id)
) WITH CLUSTERING ORDER BY (last_name ASC, user_id ASC)`,
}

var people = []struct{ id, first, last, email string }{
	{"550e8400-e29b-41d4-a716-446655440000", "John", "Doe", "johndoe@example.com"},
	{"6f1c2a34-0000-4000-8000-000000000001", "Jane", "Roe", "jane@example.com"},
	{"6f1c2a34-0000-4000-8000-000000000002", "John", "Smith", "jsmith@example.com"},
	{"6f1c2a34-0000-4000-8000-000000000003", "John", "Adams", "adams@example.com"},
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("bynonkey", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("bynonkey", flag.ContinueOnError)
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

	// Every user goes to both tables. A logged batch makes the pair atomic: if the
	// coordinator dies half-way, the batch log replays the rest, so the query
	// table cannot silently miss a user. (Atomic, not isolated, and not faster.)
	for _, u := range people { // u.id is a string: the driver parses it for a uuid column
		b := s.Batch(gocql.LoggedBatch)
		b.Query(`INSERT INTO users (user_id, first_name, last_name, email) VALUES (?, ?, ?, ?)`, u.id, u.first, u.last, u.email)
		b.Query(`INSERT INTO users_by_first_name (first_name, last_name, user_id, email) VALUES (?, ?, ?, ?)`, u.first, u.last, u.id, u.email)
		if err := b.ExecContext(ctx); err != nil {
			return fmt.Errorf("insert user %s: %w", u.id, err)
		}
	}
	say("inserted %d users into users and users_by_first_name", len(people))

	// 1. The Python original's query. Without the partition key the coordinator would have to
	// ask every node and read every row: Cassandra refuses rather than scan.
	err = s.Query(`SELECT * FROM users WHERE first_name = 'John'`).ExecContext(ctx)
	say("\nusers WHERE first_name = 'John':\n  refused: %v", err)

	// 2. The query table: the partition key is first_name, so this is one
	// partition read, already sorted by last_name.
	say("\nusers_by_first_name WHERE first_name = 'John' (one partition, sorted by last_name):")
	if err := list(ctx, out, s.Query(`SELECT first_name, last_name, email FROM users_by_first_name WHERE first_name = ?`, "John")); err != nil {
		return err
	}

	// 3. A secondary index. Storage-Attached Indexing (SAI, Cassandra 5) indexes
	// each node's local data: the query now works, but still asks every node
	// (fine for occasional queries; a query table wins for a hot path).
	if err := s.Query(`CREATE INDEX IF NOT EXISTS users_first_name_idx ON users (first_name) USING 'sai'`).ExecContext(ctx); err != nil {
		return fmt.Errorf("create index on users(first_name): %w", err)
	}
	say("\nusers WHERE first_name = 'John' with an SAI index (order is by token, not name):")
	// The index is built from the existing rows in the background; until then a
	// real node refuses the query. Wait for it: seconds at most here.
	var rows strings.Builder
	err = cqlconn.AwaitIndex(ctx, "users_first_name_idx", func() error {
		rows.Reset()
		return list(ctx, &rows, s.Query(`SELECT first_name, last_name, email FROM users WHERE first_name = ?`, "John"))
	})
	if err != nil {
		return err
	}
	fmt.Fprint(out, rows.String())

	// 4. ALLOW FILTERING is acceptable when the partition key bounds the scan:
	// here Cassandra reads one partition (the Johns) and filters it on email.
	// On a whole table it means "read everything": don't, outside of a one-off.
	say("\nusers_by_first_name WHERE first_name = 'John' AND email = ... ALLOW FILTERING (one partition):")
	return list(ctx, out, s.Query(`SELECT first_name, last_name, email FROM users_by_first_name
		WHERE first_name = ? AND email = ? ALLOW FILTERING`, "John", "jsmith@example.com"))
}

func list(ctx context.Context, out io.Writer, q *gocql.Query) error {
	iter := q.IterContext(ctx)
	var first, last, email string
	for iter.Scan(&first, &last, &email) {
		fmt.Fprintf(out, "  %s %s <%s>\n", first, last, email)
	}
	if err := iter.Close(); err != nil {
		return fmt.Errorf("select: %w", err)
	}
	return nil
}

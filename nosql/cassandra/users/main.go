// Command users is the Python original's users table done right with the gocql v2 driver
// (github.com/apache/cassandra-gocql-driver/v2): a keyspace, a table whose
// partition key is user_id, and insert / select by key / update / delete with
// prepared statements. It ends with the errors bad input gets.
//
//	go run ./cassandra/users -hosts 127.0.0.1:9042   (or CASSANDRA_HOSTS; `make up` starts one)
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

// The partition key (here the whole primary key) decides which node stores a row:
// Cassandra hashes user_id to a token. Reading by user_id therefore goes to one
// node; reading by anything else cannot (see ../bynonkey).
const usersTable = `CREATE TABLE users (
	user_id    uuid PRIMARY KEY,
	first_name text,
	last_name  text,
	email      text
)`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("users", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("users", flag.ContinueOnError)
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

// johnID is the Python original's user.
var johnID, _ = gocql.ParseUUID("550e8400-e29b-41d4-a716-446655440000")

func walk(ctx context.Context, hosts, keyspace string, out io.Writer) error {
	s, err := cqlconn.Open(ctx, hosts, keyspace)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := cqlconn.Recreate(ctx, s, usersTable); err != nil {
		return err
	}
	say := func(format string, args ...any) { fmt.Fprintf(out, format+"\n", args...) }

	// A query with ? placeholders is prepared by the driver on first use and the
	// prepared id is cached per statement text: later calls send only the values.
	// Values are never spliced into the CQL text, so there is no CQL injection.
	const insert = `INSERT INTO users (user_id, first_name, last_name, email) VALUES (?, ?, ?, ?)`
	if err := s.Query(insert, johnID, "John", "Doe", "johndoe@example.com").ExecContext(ctx); err != nil {
		return fmt.Errorf("insert user %s: %w", johnID, err)
	}
	say("insert %s: ok", johnID)

	const selectByKey = `SELECT first_name, last_name, email FROM users WHERE user_id = ?`
	var first, last, email string
	if err := s.Query(selectByKey, johnID).ScanContext(ctx, &first, &last, &email); err != nil {
		return fmt.Errorf("select user %s: %w", johnID, err)
	}
	say("select %s: %s %s <%s>", johnID, first, last, email)

	// UPDATE is an upsert, like INSERT: Cassandra does not read before writing, so
	// it neither knows nor cares whether the row exists (see ../lwt for "only if").
	if err := s.Query(`UPDATE users SET email = ? WHERE user_id = ?`, "john@example.org", johnID).ExecContext(ctx); err != nil {
		return fmt.Errorf("update user %s: %w", johnID, err)
	}
	if err := s.Query(selectByKey, johnID).ScanContext(ctx, &first, &last, &email); err != nil {
		return fmt.Errorf("select user %s: %w", johnID, err)
	}
	say("update email: %s", email)

	if err := s.Query(`DELETE FROM users WHERE user_id = ?`, johnID).ExecContext(ctx); err != nil {
		return fmt.Errorf("delete user %s: %w", johnID, err)
	}
	// No row is not an error in CQL; the driver's Scan reports it as ErrNotFound.
	err = s.Query(selectByKey, johnID).ScanContext(ctx, &first, &last, &email)
	say("select after delete: not found=%v", errors.Is(err, gocql.ErrNotFound))

	// Bad input fails loudly and writes nothing. A value of the wrong Go type is
	// refused by the driver before it is sent; an unknown column by the server
	// when the statement is prepared.
	err = s.Query(insert, "not-a-uuid", "Jane", "Roe", "jane@example.com").ExecContext(ctx)
	say("insert with user_id \"not-a-uuid\": %v", err)
	err = s.Query(insert, gocql.MustRandomUUID(), 42, "Roe", "jane@example.com").ExecContext(ctx)
	say("insert with first_name 42: %v", err)
	err = s.Query(`INSERT INTO users (user_id, nickname) VALUES (?, ?)`, gocql.MustRandomUUID(), "jr").ExecContext(ctx)
	// Errors from the server carry a CQL error code: 0x2200 is "Invalid".
	var reqErr gocql.RequestError
	if errors.As(err, &reqErr) {
		say("insert into unknown column: server error 0x%04x: %s", reqErr.Code(), reqErr.Message())
	} else {
		say("insert into unknown column: %v", err)
	}
	var n int
	if err := s.Query(`SELECT count(*) FROM users`).ScanContext(ctx, &n); err != nil {
		return fmt.Errorf("count users: %w", err)
	}
	say("rows left: %d", n)
	return nil
}

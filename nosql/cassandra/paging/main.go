// Command paging reads a partition a page at a time. The driver fetches rows in
// pages (5000 by default) and hands back an opaque page state; a web API returns
// that state to its client as a cursor and resumes from it on the next request,
// without OFFSET (which CQL does not have) and without holding anything open.
//
//	go run ./cassandra/paging -hosts 127.0.0.1:9042   (or CASSANDRA_HOSTS)
package main

import (
	"context"
	"encoding/base64"
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

// Newest first: the clustering order is the order rows are stored and read in,
// so "latest messages of a room" needs no sorting at read time.
const messagesTable = `CREATE TABLE messages (
	room text,
	seq  int,
	body text,
	PRIMARY KEY ((room), seq)
) WITH CLUSTERING ORDER BY (seq DESC)`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("paging", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("paging", flag.ContinueOnError)
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
	if err := cqlconn.Recreate(ctx, s, messagesTable); err != nil {
		return err
	}
	for i := range 10 {
		if err := s.Query(`INSERT INTO messages (room, seq, body) VALUES (?, ?, ?)`,
			"general", i+1, fmt.Sprintf("message %d", i+1)).ExecContext(ctx); err != nil {
			return fmt.Errorf("insert message %d: %w", i+1, err)
		}
	}

	// Page through the room 4 rows at a time, as an API would across requests:
	// each "request" starts from the cursor the previous one returned.
	cursor := ""
	for n := 1; ; n++ {
		bodies, next, err := fetchPage(ctx, s, "general", 4, cursor)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "page %d: %s (more: %v)\n", n, strings.Join(bodies, ", "), next != "")
		if next == "" {
			break
		}
		cursor = next
	}
	return nil
}

// fetchPage returns up to size messages of room, newest first, starting at cursor
// ("" for the first page), and the cursor of the next page ("" after the last).
// The cursor is the driver's page state, base64-encoded for a URL. It is only
// meaningful for the same query: a client cannot use it to read another room.
func fetchPage(ctx context.Context, s *gocql.Session, room string, size int, cursor string) (bodies []string, next string, err error) {
	state, err := base64.RawURLEncoding.DecodeString(cursor)
	if err != nil {
		return nil, "", fmt.Errorf("bad cursor %q: %w", cursor, err)
	}
	iter := s.Query(`SELECT body FROM messages WHERE room = ?`, room).
		PageSize(size).PageState(state).IterContext(ctx)
	// PageState must be read before the rows: it belongs to the page just fetched.
	nextState := iter.PageState()
	// Read only this page's rows: the driver would fetch the next page by itself
	// when the loop reaches its end.
	for range iter.NumRows() {
		var body string
		if !iter.Scan(&body) {
			break
		}
		bodies = append(bodies, body)
	}
	if err := iter.Close(); err != nil {
		return nil, "", fmt.Errorf("select messages of %s: %w", room, err)
	}
	return bodies, base64.RawURLEncoding.EncodeToString(nextState), nil
}

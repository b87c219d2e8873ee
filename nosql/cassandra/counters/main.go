// Command counters counts page views with a counter column: increments commute,
// so many clients can add at once without reading first and without losing any.
//
//	go run ./cassandra/counters -hosts 127.0.0.1:9042   (or CASSANDRA_HOSTS)
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"example.com/cloudgo/nosql/internal/cli"
	"example.com/cloudgo/nosql/internal/cqlconn"
)

// A counter table holds only its primary key and counter columns.
const pageViewsTable = `CREATE TABLE page_views (page text PRIMARY KEY, views counter)`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("counters", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("counters", flag.ContinueOnError)
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
	if err := cqlconn.Recreate(ctx, s, pageViewsTable); err != nil {
		return err
	}
	say := func(format string, args ...any) { fmt.Fprintf(out, format+"\n", args...) }

	// 8 clients × 25 views each, concurrently. A counter update is "add n", not
	// "set to n", so the replicas merge them without a read-modify-write.
	const clients, each = 8, 25
	var wg sync.WaitGroup
	errs := make(chan error, clients)
	for range clients {
		wg.Go(func() {
			for range each {
				// Counter updates are not idempotent: a retry after a timeout may
				// count twice. The driver does not retry them unless told to.
				if err := s.Query(`UPDATE page_views SET views = views + 1 WHERE page = ?`, "/home").ExecContext(ctx); err != nil {
					errs <- fmt.Errorf("count a view of /home: %w", err)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		return err
	}
	if err := s.Query(`UPDATE page_views SET views = views - 10 WHERE page = ?`, "/home").ExecContext(ctx); err != nil {
		return fmt.Errorf("subtract from /home: %w", err)
	}
	var views int64
	if err := s.Query(`SELECT views FROM page_views WHERE page = ?`, "/home").ScanContext(ctx, &views); err != nil {
		return fmt.Errorf("read views of /home: %w", err)
	}
	say("/home: %d × %d views - 10 = %d", clients, each, views)

	// Counters can only be incremented or decremented: INSERT and setting a value
	// are refused (to start over, DELETE the row, and never reuse it quickly).
	err = s.Query(`INSERT INTO page_views (page, views) VALUES (?, ?)`, "/about", 5).ExecContext(ctx)
	say("INSERT into a counter table: %v", err)
	err = s.Query(`UPDATE page_views SET views = 5 WHERE page = ?`, "/about").ExecContext(ctx)
	say("SET views = 5: %v", err)
	return nil
}

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
	"time"

	"example.com/cloudgo/nosql/internal/cqlconn"
)

// A counter table holds only its primary key and counter columns.
const pageViewsTable = `CREATE TABLE page_views (page text PRIMARY KEY, views counter)`

func main() {
	hosts := flag.String("hosts", envOr("CASSANDRA_HOSTS", cqlconn.DefaultHosts), "Cassandra contact points, host:port[,host:port]")
	keyspace := flag.String("keyspace", "cloudgo", "keyspace for this program's tables")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	if err := run(ctx, *hosts, *keyspace, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "counters:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, hosts, keyspace string, out io.Writer) error {
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

func envOr(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}

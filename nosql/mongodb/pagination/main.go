// Command pagination reads a collection two ways: all of it through one cursor, which
// fetches documents in batches (one round trip each), and page by page for an API,
// where each page starts after the last _id of the one before ("keyset" paging)
// instead of skipping the pages before it.
//
//	go run ./mongodb/pagination -uri mongodb://127.0.0.1:27017   (or MONGODB_URI; `make up` starts one)
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

	"go.mongodb.org/mongo-driver/v2/bson"

	"example.com/cloudgo/nosql/internal/cli"
	"example.com/cloudgo/nosql/internal/mongoconn"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("pagination", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("pagination", flag.ContinueOnError)
	fs.SetOutput(stderr)
	conn := mongoconn.RegisterFlags(fs, 30*time.Second)
	n := fs.Int("n", 25, "items to store (2-100000)")
	batch := fs.Int("batch", 10, "cursor batch size: documents per round trip (1-10000)")
	size := fs.Int("page", 10, "page size (1-1000)")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if err := conn.Check(); err != nil {
		return err
	}
	switch {
	case *n < 2 || *n > 100000:
		return cli.Usagef("-n must be between 2 and 100000, got %d", *n)
	case *batch < 1 || *batch > 10000:
		return cli.Usagef("-batch must be between 1 and 10000, got %d", *batch)
	case *size < 1 || *size > 1000:
		return cli.Usagef("-page must be between 1 and 1000, got %d", *size)
	}
	ctx, cancel := context.WithTimeout(ctx, conn.Timeout)
	defer cancel()
	client, err := mongoconn.Connect(ctx, conn.URI)
	if err != nil {
		return err
	}
	defer mongoconn.Disconnect(ctx, client)
	say := func(format string, args ...any) { fmt.Fprintf(stdout, format+"\n", args...) }

	items := client.Database(conn.DB).Collection("items")
	if err := items.Drop(ctx); err != nil {
		return fmt.Errorf("drop items: %w", err)
	}
	docs := make([]item, *n)
	for i := range docs {
		// ObjectIDs made by one process grow: time in seconds, then a counter.
		docs[i] = item{ID: bson.NewObjectID(), Name: fmt.Sprintf("item-%02d", i+1)}
	}
	if _, err := items.InsertMany(ctx, docs); err != nil {
		return fmt.Errorf("insert %d items: %w", *n, err)
	}

	batches, err := readAll(ctx, items, int32(*batch))
	if err != nil {
		return fmt.Errorf("read items: %w", err)
	}
	say("%d items through one cursor with batch size %d: batches of %v", *n, *batch, batches)

	first, err := pageAfter(ctx, items, bson.NilObjectID, *size)
	if err != nil {
		return fmt.Errorf("read page 1: %w", err)
	}
	say("page 1: %s", names(first))

	// While the reader looks at page 1, its first item is deleted. Skipping page
	// 1's length now skips one item too many; starting after page 1's last _id
	// does not.
	if _, err := items.DeleteOne(ctx, bson.D{{Key: "_id", Value: first[0].ID}}); err != nil {
		return fmt.Errorf("delete %s: %w", first[0].Name, err)
	}
	say("%s is deleted", first[0].Name)
	skipped, err := pageSkip(ctx, items, len(first), *size)
	if err != nil {
		return fmt.Errorf("read page 2 with skip: %w", err)
	}
	say("page 2 by skip(%d): %s", len(first), names(skipped))
	next, last := first, 1
	for len(next) == *size {
		after := next[len(next)-1]
		if next, err = pageAfter(ctx, items, after.ID, *size); err != nil {
			return fmt.Errorf("read page %d: %w", last+1, err)
		}
		if len(next) > 0 {
			last++
			say("page %d by _id after %s: %s", last, after.Name, names(next))
		}
	}
	return nil
}

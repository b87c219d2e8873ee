// Command refresh shows near-real-time search: a document is durable and readable
// by id as soon as the write returns, but a search finds it only after the next
// refresh; refresh=wait_for gives read-your-writes without forcing refreshes.
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

	"github.com/elastic/go-elasticsearch/v8"
	"github.com/elastic/go-elasticsearch/v8/typedapi/types"
	"github.com/elastic/go-elasticsearch/v8/typedapi/types/enums/refresh"

	"example.com/cloudgo/search/articles"
	"example.com/cloudgo/search/internal/cli"
	"example.com/cloudgo/search/internal/esconn"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("refresh", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("refresh", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var conn esconn.Config
	conn.RegisterFlags(fs)
	index := fs.String("index", "articles-refresh", "index to (re)create and delete again")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if err := conn.Check(); err != nil {
		return err
	}
	if err := esconn.CheckIndex("index", *index); err != nil {
		return err
	}
	es, err := conn.Connect(ctx)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	return conn.Errorf(nearRealTime(ctx, es, *index, stdout))
}

func nearRealTime(ctx context.Context, es *elasticsearch.TypedClient, index string, out io.Writer) error {
	if err := articles.Recreate(ctx, es, index); err != nil {
		return err
	}
	search := func(when string) (int64, error) {
		res, err := es.Search().Index(index).
			Query(&types.Query{Match: map[string]types.MatchQuery{"body": {Query: "content"}}}).Do(ctx)
		if err != nil {
			return 0, fmt.Errorf("search %s: %w", index, err)
		}
		fmt.Fprintf(out, "search \"content\" %s: %d hits\n", when, res.Hits.Total.Value)
		return res.Hits.Total.Value, nil
	}
	put := func(id string, a articles.Article, r *refresh.Refresh) error {
		req := es.Index(index).Id(id).Document(a)
		if r != nil {
			req.Refresh(*r)
		}
		res, err := req.Do(ctx)
		if err != nil {
			return fmt.Errorf("index %s into %s: %w", id, index, err)
		}
		fmt.Fprintf(out, "index %s: result=%s\n", id, res.Result)
		return nil
	}

	// Turn the periodic refresh off, so that what follows does not depend on timing.
	if _, err := es.Indices.PutSettings().Indices(index).RefreshInterval("-1").Do(ctx); err != nil {
		return fmt.Errorf("disable refresh of %s: %w", index, err)
	}
	for i, body := range []string{"The content of the first document.", "The content of the second."} {
		if err := put(fmt.Sprintf("doc-%d", i+1), articles.Article{Title: "Test", Body: body}, nil); err != nil {
			return err
		}
	}
	// GET by id is real-time: it sees the latest write, refreshed or not.
	got, err := es.Get(index, "doc-2").Do(ctx)
	if err != nil {
		return fmt.Errorf("get doc-2 from %s: %w", index, err)
	}
	fmt.Fprintf(out, "get doc-2 (real-time): found=%t\n", got.Found)
	// Search reads the index as of its last refresh; nothing has been refreshed yet.
	if _, err := search("before any refresh"); err != nil {
		return err
	}

	// Back to a one-second refresh. refresh=wait_for makes the write return only once
	// a refresh has made it visible: read-your-writes without forcing a refresh per
	// request (refresh=true does that, and costs small segments).
	if _, err := es.Indices.PutSettings().Indices(index).RefreshInterval("1s").Do(ctx); err != nil {
		return fmt.Errorf("enable refresh of %s: %w", index, err)
	}
	if err := put("doc-3", articles.Article{Title: "Third", Body: "More content, visible on return."}, &refresh.Waitfor); err != nil {
		return err
	}
	n, err := search("after index?refresh=wait_for")
	if err != nil {
		return err
	}
	if n != 3 {
		return fmt.Errorf("search %s after refresh=wait_for: %d hits, want all 3 documents", index, n)
	}
	if _, err := es.Indices.Delete(index).Do(ctx); err != nil {
		return fmt.Errorf("delete index %s: %w", index, err)
	}
	return nil
}

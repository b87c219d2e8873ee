// Command paging loads eight articles and walks through all of them a page at a time,
// twice: with from/size, and with search_after. Both give every article once, in the
// same order; only search_after stays cheap on deep pages.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/elastic/go-elasticsearch/v8"
	"github.com/elastic/go-elasticsearch/v8/typedapi/types"
	"github.com/elastic/go-elasticsearch/v8/typedapi/types/enums/sortorder"

	"example.com/cloudgo/search/articles"
	"example.com/cloudgo/search/internal/cli"
	"example.com/cloudgo/search/internal/esconn"
)

// maxWindow is index.max_result_window's default: from+size may not exceed it.
const maxWindow = 10000

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("paging", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("paging", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var conn esconn.Config
	conn.RegisterFlags(fs)
	index := fs.String("index", "articles-paging", "index to (re)create and load with the sample articles")
	size := fs.Int("page-size", 3, "hits per page")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if err := conn.Check(); err != nil {
		return err
	}
	if err := esconn.CheckIndex("index", *index); err != nil {
		return err
	}
	if *size < 1 || *size > maxWindow {
		return cli.Usagef("-page-size must be between 1 and %d, got %d", maxWindow, *size)
	}
	es, err := conn.Connect(ctx)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	return conn.Errorf(paging(ctx, es, *index, *size, stdout))
}

func paging(ctx context.Context, es *elasticsearch.TypedClient, index string, size int, out io.Writer) error {
	if err := articles.Recreate(ctx, es, index); err != nil {
		return err
	}
	sample := articles.Sample()
	if err := articles.Load(ctx, es, index, sample); err != nil {
		return err
	}
	// A unique tie-breaker (title.keyword) makes the order total, so no document is
	// skipped or repeated between pages.
	order := []types.SortCombinations{
		types.SortOptions{SortOptions: map[string]types.FieldSort{"published": {Order: &sortorder.Asc}}},
		types.SortOptions{SortOptions: map[string]types.FieldSort{"title.keyword": {Order: &sortorder.Asc}}},
	}
	all := types.Query{MatchAll: &types.MatchAllQuery{}}

	// from/size: simple, but each page re-collects from+size hits, and from+size may
	// not exceed index.max_result_window. Fine for the first few pages.
	var byOffset []string
	seen := 0
	for from := 0; ; from += size {
		res, err := es.Search().Index(index).Query(&all).Sort(order...).From(from).Size(size).Do(ctx)
		if err != nil {
			return fmt.Errorf("search %s from=%d: %w", index, from, err)
		}
		if len(res.Hits.Hits) == 0 {
			break
		}
		byOffset = append(byOffset, ids(res.Hits.Hits))
		seen += len(res.Hits.Hits)
	}
	fmt.Fprintf(out, "from/size pages of %d: %s\n", size, strings.Join(byOffset, " | "))
	_, err := es.Search().Index(index).Query(&all).Sort(order...).From(maxWindow).Size(size).Do(ctx)
	if err := esconn.Want(400, err, fmt.Sprintf("search %s from=%d", index, maxWindow)); err != nil {
		return err
	}
	fmt.Fprintf(out, "from/size at from=%d: %d (beyond index.max_result_window)\n", maxWindow, esconn.Status(err))

	// search_after: pass the sort values of the last hit; each page costs the same
	// however deep it is. (A point in time, pit, would also freeze the view across
	// pages while others write.)
	var byAfter []string
	var after []types.FieldValue
	for {
		req := es.Search().Index(index).Query(&all).Sort(order...).Size(size)
		if after != nil {
			req.SearchAfter(after...)
		}
		res, err := req.Do(ctx)
		if err != nil {
			return fmt.Errorf("search %s after %v: %w", index, after, err)
		}
		if len(res.Hits.Hits) == 0 {
			break
		}
		byAfter = append(byAfter, ids(res.Hits.Hits))
		after = res.Hits.Hits[len(res.Hits.Hits)-1].Sort
	}
	last, err := json.Marshal(after)
	if err != nil {
		return fmt.Errorf("encode sort values: %w", err)
	}
	fmt.Fprintf(out, "search_after pages of %d: %s (last sort values %s)\n", size, strings.Join(byAfter, " | "), last)
	if seen != len(sample) || !slices.Equal(byOffset, byAfter) {
		return fmt.Errorf("search %s: from/size saw %d of %d articles, and search_after paged the same: %t",
			index, seen, len(sample), slices.Equal(byOffset, byAfter))
	}
	return nil
}

func ids(hits []types.Hit) string {
	var s []string
	for _, h := range hits {
		s = append(s, *h.Id_)
	}
	return strings.Join(s, " ")
}

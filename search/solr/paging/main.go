// Command paging walks through all articles a page at a time, twice: with start/rows,
// and with cursorMark. Both give every article once, in the same order; only the
// cursor stays cheap on deep pages.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"example.com/cloudgo/search/articles"
	"example.com/cloudgo/search/internal/cli"
	"example.com/cloudgo/search/internal/solrconn"
	"example.com/cloudgo/search/solr"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("paging", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("paging", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c solrconn.Client
	c.RegisterFlags(fs)
	size := fs.Int("page-size", 3, "documents per page")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if err := c.Check(); err != nil {
		return err
	}
	if *size < 1 || *size > 10000 {
		return cli.Usagef("-page-size must be between 1 and 10000, got %d", *size)
	}
	if err := c.Ping(ctx); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	docs := articles.Sample()
	if err := solr.Load(ctx, &c, solr.Docs(docs)); err != nil {
		return err
	}
	return paging(ctx, &c, *size, len(docs), stdout)
}

// order must be total for paging: the uniqueKey (id) breaks ties, and cursorMark
// refuses a sort without it.
const order = "published asc,id asc"

func paging(ctx context.Context, c *solrconn.Client, size, total int, out io.Writer) error {
	page := func(params url.Values) (*solrconn.Response, string, error) {
		params.Set("q", "*:*")
		if !params.Has("sort") {
			params.Set("sort", order)
		}
		params.Set("fl", "id")
		params.Set("rows", strconv.Itoa(size))
		res, err := c.Select(ctx, params)
		if err != nil {
			return nil, "", err
		}
		docs, err := solrconn.Docs[solr.Doc](res)
		var ids []string
		for _, d := range docs {
			ids = append(ids, d.ID)
		}
		return res, strings.Join(ids, " "), err
	}

	// start/rows: each page makes Solr collect and sort start+rows documents, so
	// deep pages get slower (and, in SolrCloud, each shard sends start+rows).
	var byStart []string
	for start := 0; start < total; start += size {
		_, ids, err := page(url.Values{"start": {strconv.Itoa(start)}})
		if err != nil {
			return err
		}
		byStart = append(byStart, ids)
	}
	show(out, "start/rows", size, byStart)

	// cursorMark: start with "*", pass nextCursorMark back; the end is when it
	// comes back unchanged. Every page costs the same, however deep.
	var byCursor []string
	for mark := "*"; ; {
		res, ids, err := page(url.Values{"cursorMark": {mark}})
		if err != nil {
			return err
		}
		if ids != "" {
			byCursor = append(byCursor, ids)
		}
		if res.NextCursorMark == mark {
			break
		}
		mark = res.NextCursorMark
	}
	show(out, "cursorMark", size, byCursor)

	_, _, err := page(url.Values{"cursorMark": {"*"}, "sort": {"published asc"}})
	if solrconn.Code(err) != 400 {
		return fmt.Errorf("cursorMark with sort=published asc: %v, want 400", err)
	}
	fmt.Fprintf(out, "cursorMark with sort=published asc: %v\n", solrconn.Cause(err))
	if !slices.Equal(byStart, byCursor) {
		return fmt.Errorf("solr at %s: start/rows and cursorMark paged differently", c.Addr())
	}
	if seen := once(byCursor); seen != total {
		return fmt.Errorf("solr at %s: cursorMark pages hold %d distinct documents once each, want all %d", c.Addr(), seen, total)
	}
	return nil
}

func show(out io.Writer, how string, size int, pages []string) {
	fmt.Fprintf(out, "%s pages of %d: %s\n", how, size, strings.Join(pages, " | "))
}

// once counts the documents on the pages, or returns -1 if one shows up twice.
func once(pages []string) int {
	seen := map[string]bool{}
	for _, p := range pages {
		for id := range strings.FieldsSeq(p) {
			if seen[id] {
				return -1
			}
			seen[id] = true
		}
	}
	return len(seen)
}

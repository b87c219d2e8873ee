// Command commit shows when Solr's searches see a write: realtime get at once,
// /select only after a commit opens a new searcher. A hard commit also persists the
// index; a soft commit and commitWithin only make writes visible.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/signal"
	"syscall"
	"time"

	"example.com/cloudgo/search/internal/cli"
	"example.com/cloudgo/search/internal/solrconn"
	"example.com/cloudgo/search/solr"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("commit", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("commit", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c solrconn.Client
	c.RegisterFlags(fs)
	within := fs.Duration("commit-within", time.Second, "commitWithin for the third document")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if err := c.Check(); err != nil {
		return err
	}
	if *within < time.Millisecond || *within > time.Minute {
		return cli.Usagef("-commit-within must be between 1ms and 1m, got %v", *within)
	}
	if err := c.Ping(ctx); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, time.Minute+*within)
	defer cancel()
	return visibility(ctx, &c, *within, stdout)
}

func visibility(ctx context.Context, c *solrconn.Client, within time.Duration, out io.Writer) error {
	if err := c.DeleteAll(ctx); err != nil {
		return err
	}
	if _, err := solr.Setup(ctx, c); err != nil {
		return err
	}
	count := func() (int64, error) {
		res, err := c.Select(ctx, url.Values{"q": {"body:content"}, "rows": {"0"}})
		return res.Response.NumFound, err
	}
	search := func(when string) error {
		n, err := count()
		fmt.Fprintf(out, "select body:content %s: %d hits\n", when, n)
		return err
	}
	add := func(id string, params url.Values) error {
		d := solr.Doc{ID: id, Title: "Test", Body: "The content of " + id + "."}
		_, err := c.Update(ctx, []solr.Doc{d}, params)
		return err
	}

	// No commit: the update is in the update log (durable, and visible to
	// realtime get), but /select still reads the searcher of the last commit.
	for _, id := range []string{"doc-1", "doc-2"} {
		if err := add(id, nil); err != nil {
			return err
		}
	}
	fmt.Fprintln(out, "add doc-1, doc-2 without a commit")
	var d solr.Doc
	found, err := c.Get(ctx, "doc-2", &d)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "get doc-2 (realtime get): found=%t\n", found)
	if err := search("before a commit"); err != nil {
		return err
	}
	// A soft commit opens a new searcher; it does not fsync the index files.
	if err := c.Commit(ctx, true); err != nil {
		return err
	}
	if err := search("after a soft commit"); err != nil {
		return err
	}
	// commitWithin: Solr commits (softly) within that time; many writers can share
	// one commit instead of each forcing its own. Await it, within a bound.
	if err := add("doc-3", url.Values{"commitWithin": {fmt.Sprint(within.Milliseconds())}}); err != nil {
		return err
	}
	deadline := time.Now().Add(within + 10*time.Second)
	for n, err := count(); n < 3; n, err = count() {
		if err != nil {
			return err
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("solr at %s: doc-3 not searchable %v after commitWithin=%v", c.Addr(), within+10*time.Second, within)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err := search("after commitWithin elapsed"); err != nil {
		return err
	}
	// A hard commit (commit=true, or {"commit":{}}) persists and opens a searcher.
	if err := add("doc-4", url.Values{"commit": {"true"}}); err != nil {
		return err
	}
	return search("after add doc-4 with commit=true")
}

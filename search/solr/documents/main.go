// Command documents adds, reads, updates and deletes documents with Solr's JSON
// update API: a plain add replaces a whole document, an atomic update changes
// single fields, deletes go by id or by query.
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
	cli.Exit("documents", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("documents", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c solrconn.Client
	c.RegisterFlags(fs)
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if err := c.Check(); err != nil {
		return err
	}
	if err := c.Ping(ctx); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	return documents(ctx, &c, stdout)
}

func documents(ctx context.Context, c *solrconn.Client, out io.Writer) error {
	if err := c.DeleteAll(ctx); err != nil {
		return err
	}
	if _, err := solr.Setup(ctx, c); err != nil {
		return err
	}
	// commit=true on each request keeps this example simple; see solr/commit.
	commit := url.Values{"commit": {"true"}}
	update := func(what string, body any) error {
		if _, err := c.Update(ctx, body, commit); err != nil {
			return err
		}
		fmt.Fprintln(out, what)
		return nil
	}
	get := func(id string) error {
		var d solr.Doc
		found, err := c.Get(ctx, id, &d)
		if err != nil {
			return err
		}
		if !found {
			fmt.Fprintf(out, "get %s: found=false\n", id)
			return nil
		}
		fmt.Fprintf(out, "get %s: title=%q body=%q views=%d tags=%v\n", id, d.Title, d.Body, d.Views, d.Tags)
		return nil
	}

	// The JSON update API takes an array of documents; the id is the uniqueKey.
	doc := solr.Doc{ID: "doc-1", Title: "Test document", Body: "This is the content of the test document.", Views: 1, Tags: []string{"draft"}}
	if err := update("add doc-1", []solr.Doc{doc}); err != nil {
		return err
	}
	if err := get("doc-1"); err != nil {
		return err
	}
	// Atomic update: one operation per field (set, inc, add, remove …). Solr
	// rebuilds the document from its stored fields and reindexes all of it.
	atomic := map[string]any{"id": "doc-1", "title": map[string]any{"set": "Updated title"},
		"views": map[string]any{"inc": 1}, "tags": map[string]any{"add": "solr"}}
	if err := update("atomic update doc-1: set title, inc views, add a tag", []any{atomic}); err != nil {
		return err
	}
	if err := get("doc-1"); err != nil {
		return err
	}
	// A plain add with an existing id replaces the whole document: fields not
	// sent are gone.
	if err := update("add doc-1 again with only a title", []solr.Doc{{ID: "doc-1", Title: "Replaced"}}); err != nil {
		return err
	}
	if err := get("doc-1"); err != nil {
		return err
	}
	drafts := []solr.Doc{{ID: "doc-2", Title: "Draft two", Category: "draft"}, {ID: "doc-3", Title: "Draft three", Category: "draft"}}
	if err := update("add doc-2 and doc-3 in category draft", drafts); err != nil {
		return err
	}
	if err := update("delete doc-1 by id", map[string]any{"delete": map[string]string{"id": "doc-1"}}); err != nil {
		return err
	}
	if err := update("delete by query category:draft", map[string]any{"delete": map[string]string{"query": "category:draft"}}); err != nil {
		return err
	}
	if err := get("doc-1"); err != nil {
		return err
	}
	res, err := c.Select(ctx, url.Values{"q": {"*:*"}, "rows": {"0"}})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "select q=*:*: %d documents\n", res.Response.NumFound)
	return nil
}

// Command documents walks through the life of a document: index with and without an
// id, get, partial update, upsert, and delete.
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

	"example.com/cloudgo/search/articles"
	"example.com/cloudgo/search/internal/cli"
	"example.com/cloudgo/search/internal/esconn"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("documents", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("documents", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var conn esconn.Config
	conn.RegisterFlags(fs)
	index := fs.String("index", "articles-docs", "index to (re)create for this example")
	keep := fs.Bool("keep", false, "keep the index at the end instead of deleting it")
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
	d := docs{es: es, index: *index, out: stdout}
	return conn.Errorf(d.run(ctx, *keep))
}

type docs struct {
	es    *elasticsearch.TypedClient
	index string
	out   io.Writer
}

func (d docs) printf(format string, a ...any) { fmt.Fprintf(d.out, format, a...) }

func (d docs) run(ctx context.Context, keep bool) error {
	if err := articles.Recreate(ctx, d.es, d.index); err != nil {
		return err
	}
	// With an id: a PUT to /<index>/_doc/<id>, which creates or replaces.
	first := articles.Article{Title: "Test document", Body: "This is the content of the test document."}
	res, err := d.es.Index(d.index).Id("doc-1").Document(first).Do(ctx)
	if err != nil {
		return fmt.Errorf("index doc-1 into %s: %w", d.index, err)
	}
	d.printf("index doc-1: result=%s version=%d\n", res.Result, res.Version_)
	// Without an id the server generates one (and the write can skip the check for
	// an existing document: the fastest way to append).
	res, err = d.es.Index(d.index).Document(articles.Article{Title: "No id", Body: "Some content without an id."}).Do(ctx)
	if err != nil {
		return fmt.Errorf("index into %s: %w", d.index, err)
	}
	d.printf("index without id: result=%s, generated _id has %d characters\n", res.Result, len(res.Id_))
	if err := d.get(ctx, "doc-1"); err != nil {
		return err
	}

	// A partial update merges fields into _source (the server re-indexes the whole
	// document: there is no in-place update in Lucene).
	up, err := d.es.Update(d.index, "doc-1").Doc(map[string]any{"title": "Updated title"}).Do(ctx)
	if err != nil {
		return fmt.Errorf("update doc-1 in %s: %w", d.index, err)
	}
	d.printf("update doc-1 title: result=%s\n", up.Result)
	if err := d.get(ctx, "doc-1"); err != nil {
		return err
	}

	// Upsert: update the document if it exists, else index the upsert document.
	// Sending the same change twice is a no-op (detect_noop), which writes nothing.
	for _, views := range []int{1, 2, 2} {
		up, err := d.es.Update(d.index, "counter").
			Doc(map[string]any{"views": views}).
			Upsert(articles.Article{Title: "Counter", Views: views}).Do(ctx)
		if err != nil {
			return fmt.Errorf("upsert counter in %s: %w", d.index, err)
		}
		d.printf("upsert counter views=%d: result=%s version=%d\n", views, up.Result, up.Version_)
	}

	// Deleting twice: the second delete reports not_found, a result, not an error.
	for range 2 {
		res, err := d.es.Delete(d.index, "doc-1").Do(ctx)
		if err != nil {
			return fmt.Errorf("delete doc-1 from %s: %w", d.index, err)
		}
		d.printf("delete doc-1: result=%s\n", res.Result)
	}
	if err := d.get(ctx, "doc-1"); err != nil {
		return err
	}
	if keep {
		return nil
	}
	if _, err := d.es.Indices.Delete(d.index).Do(ctx); err != nil {
		return fmt.Errorf("delete index %s: %w", d.index, err)
	}
	return nil
}

// get reads a document by id (real-time: no refresh needed) and prints it.
func (d docs) get(ctx context.Context, id string) error {
	got, err := d.es.Get(d.index, id).Do(ctx)
	if err != nil {
		return fmt.Errorf("get %s from %s: %w", id, d.index, err)
	}
	if !got.Found {
		d.printf("get %s: found=false\n", id)
		return nil
	}
	a, err := articles.Decode(&got.Id_, got.Source_)
	if err != nil {
		return err
	}
	d.printf("get %s: found=true version=%d title=%q body=%q\n", id, *got.Version_, a.Title, a.Body)
	return nil
}

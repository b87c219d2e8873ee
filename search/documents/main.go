// Command documents walks through the life of a document: index with and without an
// id, get, partial update, upsert, optimistic concurrency control, delete, and why a
// search right after indexing can miss a document.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/elastic/go-elasticsearch/v8"
	"github.com/elastic/go-elasticsearch/v8/typedapi/types"
	"github.com/elastic/go-elasticsearch/v8/typedapi/types/enums/refresh"

	"example.com/cloudgo/search/articles"
	"example.com/cloudgo/search/esconn"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "documents:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("documents", flag.ContinueOnError)
	var conn esconn.Config
	conn.RegisterFlags(fs)
	index := fs.String("index", "articles-docs", "index to (re)create for this example")
	keep := fs.Bool("keep", false, "keep the index at the end instead of deleting it")
	if err := fs.Parse(args); err != nil {
		return err
	}
	es, err := conn.Connect(ctx)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	if err := articles.Recreate(ctx, es, *index); err != nil {
		return err
	}
	d := docs{es: es, index: *index, out: out}
	for _, step := range []func(context.Context) error{d.refreshSemantics, d.updates, d.concurrency, d.remove} {
		if err := step(ctx); err != nil {
			return err
		}
	}
	if *keep {
		return nil
	}
	if _, err := es.Indices.Delete(*index).Do(ctx); err != nil {
		return fmt.Errorf("delete index %s: %w", *index, err)
	}
	return nil
}

type docs struct {
	es    *elasticsearch.TypedClient
	index string
	out   io.Writer
}

func (d docs) printf(format string, a ...any) { fmt.Fprintf(d.out, format, a...) }

// count runs a full-text search for word in body and returns the number of hits.
func (d docs) count(ctx context.Context, word string) (int64, error) {
	res, err := d.es.Search().Index(d.index).
		Query(&types.Query{Match: map[string]types.MatchQuery{"body": {Query: word}}}).
		Do(ctx)
	if err != nil {
		return 0, fmt.Errorf("search %s: %w", d.index, err)
	}
	return res.Hits.Total.Value, nil
}

// refreshSemantics shows near-real-time search: writes become searchable only after
// a refresh, while GET by id is real-time.
func (d docs) refreshSemantics(ctx context.Context) error {
	// Turn the periodic refresh off, so what follows does not depend on timing.
	if _, err := d.es.Indices.PutSettings().Indices(d.index).RefreshInterval("-1").Do(ctx); err != nil {
		return fmt.Errorf("disable refresh of %s: %w", d.index, err)
	}
	seed := articles.Article{Title: "Test document", Body: "This is the content of the test document."}
	res, err := d.es.Index(d.index).Id("seed-1").Document(seed).Do(ctx)
	if err != nil {
		return fmt.Errorf("index seed-1 into %s: %w", d.index, err)
	}
	d.printf("index seed-1: result=%s version=%d seq_no=%d\n", res.Result, res.Version_, *res.SeqNo_)

	// Without an id the server generates one (and the write can skip the check for
	// an existing document: the fastest way to append).
	res, err = d.es.Index(d.index).Document(articles.Article{Title: "No id", Body: "Some content without an id."}).Do(ctx)
	if err != nil {
		return fmt.Errorf("index into %s: %w", d.index, err)
	}
	d.printf("index without id: result=%s, generated _id has %d characters\n", res.Result, len(res.Id_))

	got, err := d.es.Get(d.index, "seed-1").Do(ctx)
	if err != nil {
		return fmt.Errorf("get seed-1 from %s: %w", d.index, err)
	}
	a, err := articles.Decode(&got.Id_, got.Source_)
	if err != nil {
		return err
	}
	d.printf("get seed-1 (real-time): found=%t title=%q\n", got.Found, a.Title)

	// Search reads the index as of its last refresh; nothing has been refreshed yet.
	n, err := d.count(ctx, "content")
	if err != nil {
		return err
	}
	d.printf("search \"content\" before any refresh: %d hits\n", n)

	// Back to the default one-second refresh. refresh=wait_for makes the write return
	// only once a refresh has made it visible: read-your-writes without forcing a
	// refresh per request (refresh=true does that, and costs small segments).
	if _, err := d.es.Indices.PutSettings().Indices(d.index).RefreshInterval("1s").Do(ctx); err != nil {
		return fmt.Errorf("enable refresh of %s: %w", d.index, err)
	}
	_, err = d.es.Index(d.index).Id("seed-3").Refresh(refresh.Waitfor).
		Document(articles.Article{Title: "Third", Body: "More content, visible on return."}).Do(ctx)
	if err != nil {
		return fmt.Errorf("index seed-3 into %s: %w", d.index, err)
	}
	n, err = d.count(ctx, "content")
	if err != nil {
		return err
	}
	d.printf("search \"content\" after index?refresh=wait_for: %d hits\n", n)
	return nil
}

// updates shows a partial update and an upsert.
func (d docs) updates(ctx context.Context) error {
	// A partial update merges fields into _source (the server re-indexes the whole
	// document: there is no in-place update in Lucene).
	up, err := d.es.Update(d.index, "seed-1").Doc(map[string]any{"title": "Updated title"}).Do(ctx)
	if err != nil {
		return fmt.Errorf("update seed-1 in %s: %w", d.index, err)
	}
	got, err := d.es.Get(d.index, "seed-1").Do(ctx)
	if err != nil {
		return fmt.Errorf("get seed-1 from %s: %w", d.index, err)
	}
	a, err := articles.Decode(&got.Id_, got.Source_)
	if err != nil {
		return err
	}
	d.printf("update seed-1: result=%s version=%d title=%q body=%q\n", up.Result, up.Version_, a.Title, a.Body)

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
	return nil
}

// concurrency shows optimistic concurrency control: a write conditional on the
// seq_no and primary_term it read fails with 409 if someone wrote in between.
func (d docs) concurrency(ctx context.Context) error {
	read := func() (articles.Article, int64, int64, error) {
		got, err := d.es.Get(d.index, "seed-1").Do(ctx)
		if err != nil {
			return articles.Article{}, 0, 0, fmt.Errorf("get seed-1 from %s: %w", d.index, err)
		}
		a, err := articles.Decode(&got.Id_, got.Source_)
		return a, *got.SeqNo_, *got.PrimaryTerm_, err
	}
	write := func(a articles.Article, seqNo, primaryTerm int64) error {
		_, err := d.es.Index(d.index).Id(a.ID).Document(a).
			IfSeqNo(strconv.FormatInt(seqNo, 10)).IfPrimaryTerm(strconv.FormatInt(primaryTerm, 10)).Do(ctx)
		return err
	}

	// Two writers read the same version ...
	alice, aSeq, aTerm, err := read()
	if err != nil {
		return err
	}
	bob, bSeq, bTerm, err := read()
	if err != nil {
		return err
	}
	d.printf("alice and bob read seed-1 at seq_no=%d primary_term=%d\n", aSeq, aTerm)
	alice.Title = "Alice's title"
	if err := write(alice, aSeq, aTerm); err != nil {
		return fmt.Errorf("alice writes seed-1: %w", err)
	}
	d.printf("alice writes: ok\n")
	// ... and the second write would silently undo the first: the condition stops it.
	bob.Body = "Bob's body."
	err = write(bob, bSeq, bTerm)
	d.printf("bob writes with stale seq_no=%d: %d %s\n", bSeq, esconn.Status(err), esconn.ErrorType(err))
	if esconn.Status(err) != 409 {
		return fmt.Errorf("bob's stale write to seed-1 was not refused with 409: %v", err)
	}
	// The fix for a conflict: read again, reapply the change, write again.
	bob, bSeq, bTerm, err = read()
	if err != nil {
		return err
	}
	bob.Body = "Bob's body."
	if err := write(bob, bSeq, bTerm); err != nil {
		return fmt.Errorf("bob retries seed-1: %w", err)
	}
	final, _, _, err := read()
	if err != nil {
		return err
	}
	d.printf("bob re-reads at seq_no=%d and retries: ok, title=%q body=%q\n", bSeq, final.Title, final.Body)
	return nil
}

// remove deletes a document; a second delete reports not_found, not an error.
func (d docs) remove(ctx context.Context) error {
	for range 2 {
		res, err := d.es.Delete(d.index, "seed-1").Do(ctx)
		if err != nil {
			return fmt.Errorf("delete seed-1 from %s: %w", d.index, err)
		}
		d.printf("delete seed-1: result=%s\n", res.Result)
	}
	got, err := d.es.Get(d.index, "seed-1").Do(ctx)
	if err != nil {
		return fmt.Errorf("get seed-1 from %s: %w", d.index, err)
	}
	d.printf("get seed-1: found=%t\n", got.Found)
	return nil
}

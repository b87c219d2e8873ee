// Command bulkload indexes a generated data set with esutil.BulkIndexer: documents
// are batched into _bulk requests sent by parallel workers, progress is reported
// while it runs, and every document is accounted for at the end — indexed, or
// reported as failed with the server's reason. Nothing is dropped silently.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"sync"
	"syscall"
	"time"

	"github.com/elastic/go-elasticsearch/v8"
	"github.com/elastic/go-elasticsearch/v8/esutil"

	"example.com/cloudgo/search/articles"
	"example.com/cloudgo/search/esconn"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "bulkload:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("bulkload", flag.ContinueOnError)
	var conn esconn.Config
	conn.RegisterFlags(fs)
	index := fs.String("index", "articles-bulk", "index to (re)create and load")
	n := fs.Int("n", 10000, "number of generated articles")
	bad := fs.Int("bad", 3, "how many of them to break on purpose (an invalid date), to show failure reporting")
	opts := Options{}
	fs.IntVar(&opts.Workers, "workers", 2, "concurrent bulk requests")
	fs.IntVar(&opts.FlushBytes, "flush-bytes", 1<<20, "send a bulk request when a worker's buffer reaches this size")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *bad > *n {
		return fmt.Errorf("-bad %d is more than -n %d", *bad, *n)
	}
	low, es, err := conn.Clients()
	if err != nil {
		return err
	}
	if err := conn.Ping(ctx, es); err != nil {
		return err
	}
	if err := articles.Recreate(ctx, es, *index); err != nil {
		return err
	}

	docs := Encode(articles.Generate(*n))
	// Break a few documents the way real data breaks: a date the mapping cannot parse.
	for i := range *bad {
		d := &docs[(i+1)*len(docs)/(*bad+1)]
		d.Body = bytes.Replace(d.Body, []byte(`"published":"`), []byte(`"published":"not a date `), 1)
	}

	var last uint64
	opts.Progress = func(s esutil.BulkIndexerStats) {
		if done := s.NumFlushed + s.NumFailed; done != last {
			last = done
			fmt.Fprintf(out, "progress: %d/%d done (%d failed), %d bulk requests\n", done, *n, s.NumFailed, s.NumRequests)
		}
	}
	start := time.Now()
	res, err := Load(ctx, low, *index, docs, opts)
	if err != nil {
		return err
	}
	elapsed := time.Since(start)
	fmt.Fprintf(out, "added %d, indexed %d, failed %d in %d bulk requests, %s (%.0f docs/s)\n",
		res.Stats.NumAdded, res.Stats.NumIndexed, res.Stats.NumFailed, res.Stats.NumRequests,
		elapsed.Round(time.Millisecond), float64(res.Stats.NumIndexed)/elapsed.Seconds())
	for _, e := range res.RequestErrors {
		fmt.Fprintf(out, "request failed: %s\n", e)
	}
	const show = 10
	for _, f := range res.Failures[:min(show, len(res.Failures))] {
		fmt.Fprintf(out, "failed: %s\n", f)
	}
	if len(res.Failures) > show {
		fmt.Fprintf(out, "failed: ... and %d more\n", len(res.Failures)-show)
	}

	// The index agrees once a refresh has made the writes visible.
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	if _, err := es.Indices.Refresh().Index(*index).Do(ctx); err != nil {
		return fmt.Errorf("refresh %s: %w", *index, err)
	}
	count, err := es.Count().Index(*index).Do(ctx)
	if err != nil {
		return fmt.Errorf("count %s: %w", *index, err)
	}
	fmt.Fprintf(out, "documents in %s: %d\n", *index, count.Count)
	if count.Count != int64(res.Stats.NumIndexed) {
		return fmt.Errorf("%s holds %d documents, but %d were reported indexed", *index, count.Count, res.Stats.NumIndexed)
	}
	return nil
}

// Doc is one document ready to send: its id and its JSON.
type Doc struct {
	ID   string
	Body []byte
}

// Encode turns articles into documents.
func Encode(as []articles.Article) []Doc {
	docs := make([]Doc, len(as))
	for i, a := range as {
		body, err := json.Marshal(a)
		if err != nil {
			panic(err) // an Article always marshals
		}
		docs[i] = Doc{ID: a.ID, Body: body}
	}
	return docs
}

// Options tune the BulkIndexer.
type Options struct {
	Workers    int                           // concurrent bulk requests; default 2
	FlushBytes int                           // bulk request size; default 1 MiB
	Progress   func(esutil.BulkIndexerStats) // called every second while loading, if set
}

// Result is the outcome of a Load.
type Result struct {
	Stats         esutil.BulkIndexerStats
	Failures      []string // one line per document that was not indexed, sorted by id
	RequestErrors []string // bulk requests that failed as a whole (their documents are in Failures too)
}

// Load indexes docs into index with a BulkIndexer and waits for all of them. It
// returns an error if any document is unaccounted for: added but neither indexed nor
// reported failed.
func Load(ctx context.Context, es *elasticsearch.Client, index string, docs []Doc, opts Options) (Result, error) {
	var (
		mu                 sync.Mutex
		failures, requests []string
	)
	record := func(to *[]string, line string) {
		mu.Lock()
		defer mu.Unlock()
		*to = append(*to, line)
	}
	fail := func(line string) { record(&failures, line) }
	bi, err := esutil.NewBulkIndexer(esutil.BulkIndexerConfig{
		Client:     es,
		Index:      index,
		NumWorkers: orDefault(opts.Workers, 2),
		FlushBytes: orDefault(opts.FlushBytes, 1<<20),
		// A failed bulk request (network, 429 after retries, ...) is reported here;
		// its items also go to each item's OnFailure.
		OnError: func(_ context.Context, err error) { record(&requests, err.Error()) },
	})
	if err != nil {
		return Result{}, fmt.Errorf("bulk indexer for %s: %w", index, err)
	}

	if opts.Progress != nil {
		done := make(chan struct{})
		var wg sync.WaitGroup
		defer func() { close(done); wg.Wait() }() // no progress line after Load returns
		wg.Go(func() {
			tick := time.NewTicker(time.Second)
			defer tick.Stop()
			for {
				select {
				case <-done:
					return
				case <-tick.C:
					opts.Progress(bi.Stats())
				}
			}
		})
	}

	for _, d := range docs {
		err := bi.Add(ctx, esutil.BulkIndexerItem{
			Action:     "index",
			DocumentID: d.ID, // with our own ids a rerun overwrites instead of duplicating
			Body:       bytes.NewReader(d.Body),
			// The bulk response carries a status per item: a 200 for the request as a
			// whole does not mean every document was indexed.
			OnFailure: func(_ context.Context, item esutil.BulkIndexerItem, res esutil.BulkIndexerResponseItem, err error) {
				if err != nil {
					fail(fmt.Sprintf("%s: %v", item.DocumentID, err))
					return
				}
				fail(fmt.Sprintf("%s: %d %s: %s", item.DocumentID, res.Status, res.Error.Type, res.Error.Reason))
			},
		})
		if err != nil {
			break // the context ended; Close below flushes what was added
		}
	}
	// Close flushes the last partial batches and waits for the workers.
	closeCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
	defer cancel()
	if err := bi.Close(closeCtx); err != nil {
		return Result{}, fmt.Errorf("flush bulk indexer for %s: %w", index, err)
	}
	stats := bi.Stats()
	slices.Sort(failures)
	res := Result{Stats: stats, Failures: failures, RequestErrors: requests}
	if ctx.Err() != nil {
		return res, fmt.Errorf("load %s: stopped after %d of %d documents: %w", index, stats.NumAdded, len(docs), ctx.Err())
	}
	if stats.NumAdded != uint64(len(docs)) || stats.NumIndexed+stats.NumFailed != stats.NumAdded {
		return res, fmt.Errorf("load %s: %d documents, %d added, %d indexed, %d failed: some are unaccounted for",
			index, len(docs), stats.NumAdded, stats.NumIndexed, stats.NumFailed)
	}
	return res, nil
}

// orDefault returns v, or def when v is not positive.
func orDefault(v, def int) int {
	if v > 0 {
		return v
	}
	return def
}

// Package bulkload indexes many documents with esutil.BulkIndexer and accounts for
// every one of them: documents are batched into _bulk requests sent by parallel
// workers, each bulk request has a deadline, and at the end each document is either
// indexed or reported failed with the server's reason. Nothing is dropped silently.
package bulkload

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/elastic/go-elasticsearch/v8"
	"github.com/elastic/go-elasticsearch/v8/esapi"
	"github.com/elastic/go-elasticsearch/v8/esutil"

	"example.com/cloudgo/search/articles"
)

// Doc is one document ready to send: its id and its JSON.
type Doc struct {
	ID   string
	Body []byte
}

// Encode turns articles into documents.
func Encode(as []articles.Article) ([]Doc, error) {
	docs := make([]Doc, len(as))
	for i, a := range as {
		body, err := json.Marshal(a)
		if err != nil {
			return nil, fmt.Errorf("encode article %s: %w", a.ID, err)
		}
		docs[i] = Doc{ID: a.ID, Body: body}
	}
	return docs, nil
}

// Options tune the BulkIndexer. Zero values mean the defaults.
type Options struct {
	Workers        int                           // concurrent bulk requests; default 2
	FlushBytes     int                           // bulk request size; default 1 MiB
	RequestTimeout time.Duration                 // deadline of each bulk request; default 1 minute
	Progress       func(esutil.BulkIndexerStats) // called every second while loading, if set
}

// Result is the outcome of a Load.
type Result struct {
	Stats         esutil.BulkIndexerStats
	Failures      []string // one line per document that was not indexed, sorted by id
	RequestErrors []string // bulk requests that failed as a whole (their documents are in Failures too)
}

// cancelKey carries a bulk request's CancelFunc from OnFlushStart to OnFlushEnd.
type cancelKey struct{}

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
	timeout := orDefault(opts.RequestTimeout, time.Minute)
	bi, err := esutil.NewBulkIndexer(esutil.BulkIndexerConfig{
		Client:     ownBody{es},
		Index:      index,
		NumWorkers: orDefault(opts.Workers, 2),
		FlushBytes: orDefault(opts.FlushBytes, 1<<20),
		// The workers send their requests with context.Background(): bound each one
		// here, so that a stalled server cannot block a worker (and Close) for ever.
		OnFlushStart: func(ctx context.Context) context.Context {
			ctx, cancel := context.WithTimeout(ctx, timeout)
			return context.WithValue(ctx, cancelKey{}, cancel)
		},
		OnFlushEnd: func(ctx context.Context) {
			if cancel, ok := ctx.Value(cancelKey{}).(context.CancelFunc); ok {
				cancel()
			}
		},
		// A failed bulk request (network, deadline, 429 after retries, ...) is
		// reported here; its items also go to each item's OnFailure.
		OnError: func(_ context.Context, err error) { record(&requests, err.Error()) },
	})
	if err != nil {
		return Result{}, fmt.Errorf("bulk indexer for %s: %w", index, err)
	}

	if opts.Progress != nil {
		done := make(chan struct{})
		var wg sync.WaitGroup
		defer func() { close(done); wg.Wait() }() // no progress call after Load returns
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
	// Close flushes the last partial batches and waits for the workers, whose
	// requests are bounded by the timeout above.
	closeCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), timeout+time.Minute)
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

// ownBody sends each bulk request from its own copy of the body. A BulkIndexer
// worker reuses its buffer as soon as the client returns, but net/http may still be
// writing that buffer then: a server may answer before it has read the whole request
// (Elasticsearch does, with a 413 for a body over http.max_content_length), and a
// RoundTripper may finish with the body "even after RoundTrip returns". Copying
// costs one memmove per request; sharing the buffer is a data race.
type ownBody struct{ esapi.Transport }

func (t ownBody) Perform(req *http.Request) (*http.Response, error) {
	if req.Body == nil || req.Body == http.NoBody {
		return t.Transport.Perform(req)
	}
	body, err := io.ReadAll(req.Body)
	req.Body.Close()
	if err != nil {
		return nil, fmt.Errorf("copy bulk request body: %w", err)
	}
	req.ContentLength = int64(len(body))
	req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
	req.Body, _ = req.GetBody()
	return t.Transport.Perform(req)
}

// orDefault returns v, or def when v is not positive.
func orDefault[T int | time.Duration](v, def T) T {
	if v > 0 {
		return v
	}
	return def
}

// Command bulkload indexes a generated data set with the bulkload package
// (esutil.BulkIndexer): progress on stderr while it runs, and at the end every
// document accounted for — indexed, or reported failed with the server's reason.
// A few documents are broken on purpose (-bad) to show the failure reporting.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/elastic/go-elasticsearch/v8"
	"github.com/elastic/go-elasticsearch/v8/esutil"

	"example.com/cloudgo/search/articles"
	"example.com/cloudgo/search/bulkload"
	"example.com/cloudgo/search/internal/cli"
	"example.com/cloudgo/search/internal/esconn"
)

// Limits of the flags: the data set is generated in memory (~500 bytes an article),
// and Elasticsearch refuses requests over http.max_content_length (100 MB).
const (
	maxDocs       = 1_000_000
	maxWorkers    = 64
	minFlushBytes = 1 << 10
	maxFlushBytes = 100 << 20
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("bulkload", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("bulkload", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var conn esconn.Config
	conn.RegisterFlags(fs)
	index := fs.String("index", "articles-bulk", "index to (re)create and load")
	n := fs.Int("n", 10000, "number of generated articles")
	bad := fs.Int("bad", 3, "how many of them to break on purpose (an invalid date), to show failure reporting")
	timeout := fs.Duration("timeout", 5*time.Minute, "give up after this long")
	opts := bulkload.Options{RequestTimeout: time.Minute}
	fs.IntVar(&opts.Workers, "workers", 2, "concurrent bulk requests")
	fs.IntVar(&opts.FlushBytes, "flush-bytes", 1<<20, "send a bulk request when a worker's buffer reaches this size")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	switch err := conn.Check(); {
	case err != nil:
		return err
	case *n < 1 || *n > maxDocs:
		return cli.Usagef("-n must be between 1 and %d, got %d", maxDocs, *n)
	case *bad < 0 || *bad > *n:
		return cli.Usagef("-bad must be between 0 and -n (%d), got %d", *n, *bad)
	case opts.Workers < 1 || opts.Workers > maxWorkers:
		return cli.Usagef("-workers must be between 1 and %d, got %d", maxWorkers, opts.Workers)
	case opts.FlushBytes < minFlushBytes || opts.FlushBytes > maxFlushBytes:
		return cli.Usagef("-flush-bytes must be between %d and %d, got %d", minFlushBytes, maxFlushBytes, opts.FlushBytes)
	case *timeout <= 0:
		return cli.Usagef("-timeout must be positive, got %s", *timeout)
	}
	if err := esconn.CheckIndex("index", *index); err != nil {
		return err
	}
	low, es, err := conn.Clients()
	if err != nil {
		return err
	}
	if err := conn.Ping(ctx, es); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	var last uint64
	opts.Progress = func(s esutil.BulkIndexerStats) {
		if done := s.NumFlushed + s.NumFailed; done != last {
			last = done
			fmt.Fprintf(stderr, "progress: %d/%d done (%d failed), %d bulk requests\n", done, *n, s.NumFailed, s.NumRequests)
		}
	}
	return conn.Errorf(load(ctx, low, es, *index, *n, *bad, opts, stdout))
}

func load(ctx context.Context, low *elasticsearch.Client, es *elasticsearch.TypedClient, index string, n, bad int, opts bulkload.Options, out io.Writer) error {
	if err := articles.Recreate(ctx, es, index); err != nil {
		return err
	}
	docs, err := bulkload.Encode(articles.Generate(n))
	if err != nil {
		return err
	}
	// Break a few documents the way real data breaks: a date the mapping cannot parse.
	for i := range bad {
		d := &docs[(i+1)*len(docs)/(bad+1)]
		d.Body = bytes.Replace(d.Body, []byte(`"published":"`), []byte(`"published":"not a date `), 1)
	}

	start := time.Now()
	res, err := bulkload.Load(ctx, low, index, docs, opts)
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
	if _, err := es.Indices.Refresh().Index(index).Do(ctx); err != nil {
		return fmt.Errorf("refresh %s: %w", index, err)
	}
	count, err := es.Count().Index(index).Do(ctx)
	if err != nil {
		return fmt.Errorf("count %s: %w", index, err)
	}
	fmt.Fprintf(out, "documents in %s: %d\n", index, count.Count)
	switch {
	case count.Count != int64(res.Stats.NumIndexed):
		return fmt.Errorf("%s holds %d documents, but %d were reported indexed", index, count.Count, res.Stats.NumIndexed)
	case res.Stats.NumFailed != uint64(bad):
		return fmt.Errorf("load %s: %d documents failed, %d were broken on purpose", index, res.Stats.NumFailed, bad)
	}
	return nil
}

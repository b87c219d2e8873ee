package main

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/elastic/go-elasticsearch/v8"

	"example.com/cloudgo/search/articles"
	"example.com/cloudgo/search/internal/testenv"
)

func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }

// TestRun loads 3,000 articles, three of them broken: the three are reported with
// the server's reason, the rest are indexed in a few bulk requests, and the index
// holds exactly the indexed ones.
func TestRun(t *testing.T) {
	e := testenv.Elasticsearch(t)
	es := e.Client(t)
	index := testenv.IndexName(t, es, "bulk")
	var out bytes.Buffer
	args := append(e.Args(t), "-index", index, "-n", "3000", "-bad", "3", "-flush-bytes", "65536")
	if err := run(t.Context(), args, &out); err != nil {
		t.Fatalf("run: %v\noutput:\n%s", err, out.String())
	}
	got := out.String()
	var added, indexed, failed, requests int
	if _, err := fmt.Sscanf(got[strings.Index(got, "added "):], "added %d, indexed %d, failed %d in %d bulk requests",
		&added, &indexed, &failed, &requests); err != nil {
		t.Fatalf("no summary line (%v) in:\n%s", err, got)
	}
	if added != 3000 || indexed != 2997 || failed != 3 {
		t.Errorf("added %d, indexed %d, failed %d; want 3000, 2997, 3", added, indexed, failed)
	}
	// ~190 bytes a document: 64 KiB requests carry ~340 documents each.
	if requests < 5 || requests > 30 {
		t.Errorf("%d bulk requests for 3000 documents in 64 KiB batches, want about 10", requests)
	}
	for _, id := range []string{"g000751", "g001501", "g002251"} {
		if !strings.Contains(got, "failed: "+id+": 400 document_parsing_exception: ") {
			t.Errorf("no failure line for %s (400 document_parsing_exception) in:\n%s", id, got)
		}
	}
	if !strings.Contains(got, "documents in "+index+": 2997\n") {
		t.Errorf("index count line missing or wrong in:\n%s", got)
	}
}

// TestLoadCountsFailedRequests: when bulk requests fail as a whole (here: nobody
// listens), every document is reported failed; none just disappears.
func TestLoadCountsFailedRequests(t *testing.T) {
	es, err := elasticsearch.NewClient(elasticsearch.Config{Addresses: []string{"http://127.0.0.1:1"}, DisableRetry: true})
	if err != nil {
		t.Fatal(err)
	}
	docs := Encode(articles.Generate(500))
	res, err := Load(t.Context(), es, "nowhere", docs, Options{Workers: 2, FlushBytes: 16 << 10})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if res.Stats.NumFailed != 500 || res.Stats.NumIndexed != 0 || len(res.Failures) != 500 {
		t.Errorf("failed %d, indexed %d, %d failure lines; want 500, 0, 500", res.Stats.NumFailed, res.Stats.NumIndexed, len(res.Failures))
	}
	if len(res.RequestErrors) == 0 {
		t.Error("no failed bulk request reported")
	}
}

// The benchmarks report two rates: acked-docs/s (how fast the server acknowledges
// the writes: what the client waits for) and searchable-docs/s (including the refresh
// that ends each operation, because a server may defer indexing work to it).

// BenchmarkOnePerRequest indexes 2,000 documents, one HTTP request each (what a loop
// over Index does). docs/s is the number to compare with BenchmarkBulk.
func BenchmarkOnePerRequest(b *testing.B) {
	e := testenv.Elasticsearch(b)
	es := e.Client(b)
	index := testenv.IndexName(b, es, "bench-single")
	if err := articles.Recreate(b.Context(), es, index); err != nil {
		b.Fatal(err)
	}
	docs := Encode(articles.Generate(2000))
	var acked time.Duration
	for b.Loop() {
		start := time.Now()
		for _, d := range docs {
			if _, err := es.Index(index).Id(d.ID).Raw(bytes.NewReader(d.Body)).Do(b.Context()); err != nil {
				b.Fatal(err)
			}
		}
		acked += time.Since(start)
		if _, err := es.Indices.Refresh().Index(index).Do(b.Context()); err != nil {
			b.Fatal(err)
		}
	}
	report(b, len(docs), acked)
}

// report adds the two rates: documents acknowledged per second of writing, and
// documents searchable per second of the whole operation (writes + refresh).
func report(b *testing.B, docsPerOp int, acked time.Duration) {
	b.ReportMetric(float64(b.N*docsPerOp)/acked.Seconds(), "acked-docs/s")
	b.ReportMetric(float64(b.N*docsPerOp)/b.Elapsed().Seconds(), "searchable-docs/s")
}

// BenchmarkBulk loads 10,000 documents per operation with the BulkIndexer, for
// several flush sizes and worker counts.
func BenchmarkBulk(b *testing.B) {
	e := testenv.Elasticsearch(b)
	es := e.Client(b)
	low, _, err := e.Config(b).Clients()
	if err != nil {
		b.Fatal(err)
	}
	docs := Encode(articles.Generate(10000))
	for _, flush := range []int{64 << 10, 1 << 20, 5 << 20} {
		for _, workers := range []int{1, 2, 4} {
			b.Run(fmt.Sprintf("flush=%dKiB/workers=%d", flush>>10, workers), func(b *testing.B) {
				index := testenv.IndexName(b, es, "bench-bulk")
				if err := articles.Recreate(b.Context(), es, index); err != nil {
					b.Fatal(err)
				}
				var requests uint64
				var acked time.Duration
				for b.Loop() {
					start := time.Now()
					res, err := Load(b.Context(), low, index, docs, Options{Workers: workers, FlushBytes: flush})
					if err != nil || res.Stats.NumFailed > 0 {
						b.Fatalf("Load: %v, %d failed", err, res.Stats.NumFailed)
					}
					acked += time.Since(start)
					requests += res.Stats.NumRequests
					if _, err := es.Indices.Refresh().Index(index).Do(b.Context()); err != nil {
						b.Fatal(err)
					}
				}
				report(b, len(docs), acked)
				b.ReportMetric(float64(requests)/float64(b.N), "requests/op")
			})
		}
	}
}

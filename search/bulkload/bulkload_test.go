package bulkload_test

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"example.com/cloudgo/internal/elastictest"
	"example.com/cloudgo/internal/kit"
	"github.com/elastic/go-elasticsearch/v8"

	"example.com/cloudgo/search/articles"
	"example.com/cloudgo/search/bulkload"
	"example.com/cloudgo/search/internal/estest"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

func encode(t testing.TB, n int) []bulkload.Doc {
	t.Helper()
	docs, err := bulkload.Encode(articles.Generate(n))
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

func client(t testing.TB, url string) *elasticsearch.Client {
	t.Helper()
	es, err := elasticsearch.NewClient(elasticsearch.Config{Addresses: []string{url}, DisableRetry: true})
	if err != nil {
		t.Fatal(err)
	}
	return es
}

// TestLoadCountsFailedRequests: when bulk requests fail as a whole (here: nobody
// listens), every document is reported failed; none just disappears.
func TestLoadCountsFailedRequests(t *testing.T) {
	res, err := bulkload.Load(t.Context(), client(t, estest.Nowhere), "nowhere", encode(t, 500),
		bulkload.Options{Workers: 2, FlushBytes: 16 << 10})
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

// TestLoadEarlyAnswer: a server may answer a bulk request before reading all of it
// (Elasticsearch: 413 over http.max_content_length); every document is reported
// failed. That is also when net/http can still be writing the request body after the
// client returned, which ownBody in Load makes harmless: a -race run of TestRun once
// caught the BulkIndexer resetting its buffer under net/http's writeLoop. This test
// has not reproduced that interleaving on demand; it checks the accounting.
func TestLoadEarlyAnswer(t *testing.T) {
	early := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Elastic-Product", "Elasticsearch")
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusRequestEntityTooLarge) // before reading the body
		fmt.Fprint(w, `{"error":{"type":"content_too_long_exception","reason":"too large"},"status":413}`)
	}))
	defer early.Close()
	res, err := bulkload.Load(t.Context(), client(t, early.URL), "early", encode(t, 6000), bulkload.Options{Workers: 2})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if res.Stats.NumFailed != 6000 || res.Stats.NumIndexed != 0 || len(res.RequestErrors) == 0 {
		t.Errorf("failed %d, indexed %d, %d request errors; want 6000, 0 and at least one",
			res.Stats.NumFailed, res.Stats.NumIndexed, len(res.RequestErrors))
	}
}

// TestLoadBoundsEachRequest: a server that accepts bulk requests and never answers
// cannot hold Load for ever (the BulkIndexer's workers send with
// context.Background()): each request ends at RequestTimeout, and its documents
// are reported failed.
func TestLoadBoundsEachRequest(t *testing.T) {
	release := make(chan struct{})
	stalled := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-release // never answers while the test runs
	}))
	defer stalled.Close()
	defer close(release)
	type result struct {
		res bulkload.Result
		err error
	}
	es, docs := client(t, stalled.URL), encode(t, 100) // t.Fatal only here, not in the goroutine
	done := make(chan result, 1)
	go func() {
		res, err := bulkload.Load(t.Context(), es, "stalled", docs,
			bulkload.Options{Workers: 2, RequestTimeout: 200 * time.Millisecond})
		done <- result{res, err}
	}()
	var res bulkload.Result
	select {
	case r := <-done:
		if r.err != nil {
			t.Fatalf("Load: %v", r.err)
		}
		res = r.res
	case <-time.After(30 * time.Second):
		t.Fatal("Load still waits after 30 s for a server that never answers; want about 200 ms per request")
	}
	if res.Stats.NumFailed != 100 || len(res.RequestErrors) == 0 {
		t.Errorf("failed %d, %d request errors; want 100 and at least one", res.Stats.NumFailed, len(res.RequestErrors))
	}
}

// The benchmarks report two rates: acked-docs/s (how fast the server acknowledges
// the writes: what the client waits for) and searchable-docs/s (including the refresh
// that ends each operation, because a server may defer indexing work to it).

// BenchmarkOnePerRequest indexes 2,000 documents, one HTTP request each (what a loop
// over Index does). docs/s is the number to compare with BenchmarkBulk.
func BenchmarkOnePerRequest(b *testing.B) {
	c := elastictest.Elasticsearch(b)
	es := estest.Client(b, c)
	index := estest.IndexName(b, es, "bench-single")
	if err := articles.Recreate(b.Context(), es, index); err != nil {
		b.Fatal(err)
	}
	docs := encode(b, 2000)
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
	c := elastictest.Elasticsearch(b)
	es := estest.Client(b, c)
	low, _, err := estest.Config(b, c).Clients()
	if err != nil {
		b.Fatal(err)
	}
	docs := encode(b, 10000)
	for _, flush := range []int{64 << 10, 1 << 20, 5 << 20} {
		for _, workers := range []int{1, 2, 4} {
			b.Run(fmt.Sprintf("flush=%dKiB/workers=%d", flush>>10, workers), func(b *testing.B) {
				index := estest.IndexName(b, es, "bench-bulk")
				if err := articles.Recreate(b.Context(), es, index); err != nil {
					b.Fatal(err)
				}
				var requests uint64
				var acked time.Duration
				for b.Loop() {
					start := time.Now()
					res, err := bulkload.Load(b.Context(), low, index, docs, bulkload.Options{Workers: workers, FlushBytes: flush})
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

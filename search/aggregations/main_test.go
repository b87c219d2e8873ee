package main

import (
	"bytes"
	"os"
	"testing"

	"example.com/cloudgo/search/internal/testenv"
)

func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }

// TestRun checks bucket keys, counts and order (by count, ties by key), the
// per-bucket sub-aggregation, the monthly histogram and the metrics.
func TestRun(t *testing.T) {
	e := testenv.Elasticsearch(t)
	es := e.Client(t)
	index := testenv.IndexName(t, es, "aggs")
	var out bytes.Buffer
	if err := run(t.Context(), append(e.Args(t), "-index", index), &out); err != nil {
		t.Fatalf("run: %v\noutput:\n%s", err, out.String())
	}
	want := `8 articles
by category (doc_count, then avg rating):
  search     4  4.50
  cache      2  4.10
  messaging  2  4.15
per month:
  2026-01 2
  2026-02 2
  2026-03 3
  2026-04 1
views: count=8 min=400 max=1500 avg=906.25 sum=7250
average rating: 4.3125
`
	if got := out.String(); got != want {
		t.Errorf("output:\n%s\nwant:\n%s", got, want)
	}
}

package main

import (
	"bytes"
	"os"
	"testing"

	"example.com/cloudgo/internal/elastictest"
	"example.com/cloudgo/internal/kit"

	"example.com/cloudgo/search/internal/estest"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

// TestRun checks bucket keys, counts and order (by count, ties by key), the
// per-bucket sub-aggregation, the monthly histogram and the metrics.
func TestRun(t *testing.T) {
	c := elastictest.Elasticsearch(t)
	index := estest.IndexName(t, estest.Client(t, c), "aggs")
	var out, errOut bytes.Buffer
	if err := run(t.Context(), append(estest.Args(t, c), "-index", index), &out, &errOut); err != nil {
		t.Fatalf("run: %v\noutput:\n%s%s", err, out.String(), errOut.String())
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

func TestBadFlags(t *testing.T) {
	estest.BadFlags(t, run, [][]string{{"-index", ""}, {"-index", "UPPER"}, {"-url", "localhost"}, {"-nosuchflag"}})
}

func TestUnreachable(t *testing.T) { estest.Unreachable(t, run) }

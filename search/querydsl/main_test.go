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

// TestRun checks hit counts and order for each query and the highlighted fragments.
func TestRun(t *testing.T) {
	c := elastictest.Elasticsearch(t)
	index := estest.IndexName(t, estest.Client(t, c), "query")
	var out, errOut bytes.Buffer
	if err := run(t.Context(), append(estest.Args(t, c), "-index", index), &out, &errOut); err != nil {
		t.Fatalf("run: %v\noutput:\n%s%s", err, out.String(), errOut.String())
	}
	want := `match body "search results": 3 hits
  1. a3 Near real-time search explained (2026-02-03)
  2. a7 Paginating search results with search_after (2026-03-22)
  3. a5 Full-text search with analyzers (2026-03-01)
multi_match "cache" in title^2, body: 2 hits
  1. a6 Cache invalidation strategies (2026-03-09)
  2. a2 Redis as a cache in front of Postgres (2026-01-20)
match_phrase body "real-time search": 1 hits
  1. a3 Near real-time search explained (2026-02-03)
bool: title "search", category=search, published >= 2026-02-01, newest first: 3 hits
  1. a7 Paginating search results with search_after (2026-03-22)
  2. a5 Full-text search with analyzers (2026-03-01)
  3. a3 Near real-time search explained (2026-02-03)
match body "analyzer running", highlighted: 1 hits
  1. a5 Full-text search with analyzers (2026-03-01)
     … <em>Analyzers</em> split text into terms and normalize them.
     … The same <em>analyzer</em> <em>runs</em> on the query, so searching for <em>runs</em> finds <em>running</em>.
`
	if got := out.String(); got != want {
		t.Errorf("output:\n%s\nwant:\n%s", got, want)
	}
}

func TestBadFlags(t *testing.T) {
	estest.BadFlags(t, run, [][]string{{"-index", ""}, {"-index", "x?"}, {"-url", ":9200"}})
}

func TestUnreachable(t *testing.T) { estest.Unreachable(t, run) }

package main

import (
	"bytes"
	"os"
	"testing"

	"example.com/cloudgo/search/internal/testenv"
)

func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }

// TestRun checks hit counts and order for each query, the highlighted fragments, and
// that both ways of paging visit every article once, in the same order.
func TestRun(t *testing.T) {
	e := testenv.Elasticsearch(t)
	es := e.Client(t)
	index := testenv.IndexName(t, es, "query")
	var out bytes.Buffer
	if err := run(t.Context(), append(e.Args(t), "-index", index), &out); err != nil {
		t.Fatalf("run: %v\noutput:\n%s", err, out.String())
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
from/size pages of 3: a1 a2 a3 | a4 a5 a6 | a7 a8
search_after pages of 3: a1 a2 a3 | a4 a5 a6 | a7 a8 (last sort values [1775088000000,"Exactly-once delivery myths in messaging"])
`
	if got := out.String(); got != want {
		t.Errorf("output:\n%s\nwant:\n%s", got, want)
	}
}

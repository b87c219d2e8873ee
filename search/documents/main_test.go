package main

import (
	"bytes"
	"os"
	"testing"

	"example.com/cloudgo/search/internal/testenv"
)

func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }

// TestRun checks the whole story: a search right after indexing misses documents
// that GET already returns, refresh=wait_for makes them visible, a partial update
// keeps the other fields, an upsert creates then updates then does nothing, a write
// with a stale seq_no is refused with 409, and a delete is final.
func TestRun(t *testing.T) {
	e := testenv.Elasticsearch(t)
	es := e.Client(t)
	index := testenv.IndexName(t, es, "docs")
	var out bytes.Buffer
	if err := run(t.Context(), append(e.Args(t), "-index", index), &out); err != nil {
		t.Fatalf("run: %v\noutput:\n%s", err, out.String())
	}
	want := `index seed-1: result=created version=1 seq_no=0
index without id: result=created, generated _id has 20 characters
get seed-1 (real-time): found=true title="Test document"
search "content" before any refresh: 0 hits
search "content" after index?refresh=wait_for: 3 hits
update seed-1: result=updated version=2 title="Updated title" body="This is the content of the test document."
upsert counter views=1: result=created version=1
upsert counter views=2: result=updated version=2
upsert counter views=2: result=noop version=2
alice and bob read seed-1 at seq_no=3 primary_term=1
alice writes: ok
bob writes with stale seq_no=3: 409 version_conflict_engine_exception
bob re-reads at seq_no=6 and retries: ok, title="Alice's title" body="Bob's body."
delete seed-1: result=deleted
delete seed-1: result=not_found
get seed-1: found=false
`
	if got := out.String(); got != want {
		t.Errorf("output:\n%s\nwant:\n%s", got, want)
	}
	if ok, err := es.Indices.Exists(index).IsSuccess(t.Context()); err != nil || ok {
		t.Errorf("index %s still exists (%v) after run without -keep", index, err)
	}
}

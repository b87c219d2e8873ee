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
	want := `TODO`
	if got := out.String(); got != want {
		t.Errorf("output:\n%s\nwant:\n%s", got, want)
	}
}

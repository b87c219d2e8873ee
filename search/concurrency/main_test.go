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

// TestRun: the stale conditional write is refused with 409, the retry after a
// re-read succeeds, and the document keeps both writers' changes.
func TestRun(t *testing.T) {
	c := elastictest.Elasticsearch(t)
	es := estest.Client(t, c)
	index := estest.IndexName(t, es, "occ")
	var out, errOut bytes.Buffer
	if err := run(t.Context(), append(estest.Args(t, c), "-index", index), &out, &errOut); err != nil {
		t.Fatalf("run: %v\noutput:\n%s%s", err, out.String(), errOut.String())
	}
	want := `alice and bob read doc-1 at seq_no=0 primary_term=1
alice writes the title: ok, now seq_no=1
bob writes the body with seq_no=0: 409 version_conflict_engine_exception
bob re-reads at seq_no=1 and writes again: ok, now seq_no=2
doc-1: title="Alice's title" body="Bob's body."
`
	if got := out.String(); got != want {
		t.Errorf("output:\n%s\nwant:\n%s", got, want)
	}
}

func TestBadFlags(t *testing.T) {
	estest.BadFlags(t, run, [][]string{{"-index", ""}, {"-index", "a,b"}, {"-url", "mailto:x"}})
}

func TestUnreachable(t *testing.T) { estest.Unreachable(t, run) }

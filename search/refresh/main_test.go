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

// TestRun: with the periodic refresh off, GET finds a document that search does not
// yet; refresh=wait_for returns once all three are searchable.
func TestRun(t *testing.T) {
	c := elastictest.Elasticsearch(t)
	es := estest.Client(t, c)
	index := estest.IndexName(t, es, "refresh")
	var out, errOut bytes.Buffer
	if err := run(t.Context(), append(estest.Args(t, c), "-index", index), &out, &errOut); err != nil {
		t.Fatalf("run: %v\noutput:\n%s%s", err, out.String(), errOut.String())
	}
	want := `index doc-1: result=created
index doc-2: result=created
get doc-2 (real-time): found=true
search "content" before any refresh: 0 hits
index doc-3: result=created
search "content" after index?refresh=wait_for: 3 hits
`
	if got := out.String(); got != want {
		t.Errorf("output:\n%s\nwant:\n%s", got, want)
	}
	if ok, err := es.Indices.Exists(index).IsSuccess(t.Context()); err != nil || ok {
		t.Errorf("index %s still exists (%v) at the end", index, err)
	}
}

func TestBadFlags(t *testing.T) {
	estest.BadFlags(t, run, [][]string{{"-index", ""}, {"-index", "-x"}, {"-url", "https:///nohost"}})
}

func TestUnreachable(t *testing.T) { estest.Unreachable(t, run) }

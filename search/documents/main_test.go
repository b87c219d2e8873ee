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

// TestRun checks the whole story: both ways of indexing, GET, a partial update that
// keeps the other fields, an upsert that creates, then updates, then does nothing,
// a delete that is final, and the index removed without -keep.
func TestRun(t *testing.T) {
	c := elastictest.Elasticsearch(t)
	es := estest.Client(t, c)
	index := estest.IndexName(t, es, "docs")
	var out, errOut bytes.Buffer
	if err := run(t.Context(), append(estest.Args(t, c), "-index", index), &out, &errOut); err != nil {
		t.Fatalf("run: %v\noutput:\n%s%s", err, out.String(), errOut.String())
	}
	want := `index doc-1: result=created version=1
index without id: result=created, generated _id has 20 characters
get doc-1: found=true version=1 title="Test document" body="This is the content of the test document."
update doc-1 title: result=updated
get doc-1: found=true version=2 title="Updated title" body="This is the content of the test document."
upsert counter views=1: result=created version=1
upsert counter views=2: result=updated version=2
upsert counter views=2: result=noop version=2
delete doc-1: result=deleted
delete doc-1: result=not_found
get doc-1: found=false
`
	if got := out.String(); got != want {
		t.Errorf("output:\n%s\nwant:\n%s", got, want)
	}
	if ok, err := es.Indices.Exists(index).IsSuccess(t.Context()); err != nil || ok {
		t.Errorf("index %s still exists (%v) after run without -keep", index, err)
	}
}

func TestBadFlags(t *testing.T) {
	estest.BadFlags(t, run, [][]string{{"-index", ""}, {"-index", "a*"}, {"-url", "http://"}, {"-keep=maybe"}})
}

func TestUnreachable(t *testing.T) { estest.Unreachable(t, run) }

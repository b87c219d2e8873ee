package main

import (
	"os"
	"testing"

	"example.com/cloudgo/internal/kit"

	"example.com/cloudgo/search/internal/solrconn/solrconntest"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

// TestRun: add, atomic update (set, inc, add), a replacing add, deletes by id and
// by query, each read back with realtime get.
func TestRun(t *testing.T) {
	want := `add doc-1
get doc-1: title="Test document" body="This is the content of the test document." views=1 tags=[draft]
atomic update doc-1: set title, inc views, add a tag
get doc-1: title="Updated title" body="This is the content of the test document." views=2 tags=[draft solr]
add doc-1 again with only a title
get doc-1: title="Replaced" body="" views=0 tags=[]
add doc-2 and doc-3 in category draft
delete doc-1 by id
delete by query category:draft
get doc-1: found=false
select q=*:*: 0 documents
`
	if got := solrconntest.RunOK(t, run, solrconntest.Args(t)...); got != want {
		t.Errorf("output:\n%s\nwant:\n%s", got, want)
	}
}

func TestBadFlags(t *testing.T) {
	solrconntest.BadFlags(t, run, [][]string{{"-url", "127.0.0.1:8983"}, {"-core", "no core"}})
}

func TestUnreachable(t *testing.T) { solrconntest.Unreachable(t, run) }

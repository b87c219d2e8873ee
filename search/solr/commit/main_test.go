package main

import (
	"os"
	"testing"

	"example.com/cloudgo/internal/kit"

	"example.com/cloudgo/search/internal/solrconn/solrconntest"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

// TestRun: realtime get sees what /select does not before a commit; a soft commit,
// commitWithin and a hard commit each make the writes searchable.
func TestRun(t *testing.T) {
	want := `add doc-1, doc-2 without a commit
get doc-2 (realtime get): found=true
select body:content before a commit: 0 hits
select body:content after a soft commit: 2 hits
select body:content after commitWithin elapsed: 3 hits
select body:content after add doc-4 with commit=true: 4 hits
`
	args := append(solrconntest.Args(t), "-commit-within", "200ms")
	if got := solrconntest.RunOK(t, run, args...); got != want {
		t.Errorf("output:\n%s\nwant:\n%s", got, want)
	}
}

func TestBadFlags(t *testing.T) {
	solrconntest.BadFlags(t, run, [][]string{{"-commit-within", "0s"}, {"-commit-within", "-1s"}, {"-commit-within", "2h"}, {"-commit-within", "soon"}})
}

func TestUnreachable(t *testing.T) { solrconntest.Unreachable(t, run) }

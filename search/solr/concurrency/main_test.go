package main

import (
	"os"
	"testing"

	"example.com/cloudgo/internal/kit"

	"example.com/cloudgo/search/internal/solrconn/solrconntest"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

// TestRun: the stale _version_ gets 409, the retry after a re-read keeps both
// changes, and _version_=-1 refuses to overwrite.
func TestRun(t *testing.T) {
	want := `alice and bob read doc-1 at the same _version_: true (the add returned it too: true)
alice sets the title with her _version_: ok
bob sets the body with the same, now stale _version_: 409 version conflict
bob reads again and retries: ok
doc-1: title="Alice's title" body="Bob's body."
create doc-1 with _version_=-1 (must not exist): 409
`
	if got := solrconntest.RunOK(t, run, solrconntest.Args(t)...); got != want {
		t.Errorf("output:\n%s\nwant:\n%s", got, want)
	}
}

func TestBadFlags(t *testing.T) {
	solrconntest.BadFlags(t, run, [][]string{{"-url", ""}, {"-core", ".."}})
}

func TestUnreachable(t *testing.T) { solrconntest.Unreachable(t, run) }

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

// TestRun: both ways of paging visit every article once, in the same order, and
// from/size is refused beyond index.max_result_window.
func TestRun(t *testing.T) {
	c := elastictest.Elasticsearch(t)
	index := estest.IndexName(t, estest.Client(t, c), "paging")
	var out, errOut bytes.Buffer
	if err := run(t.Context(), append(estest.Args(t, c), "-index", index), &out, &errOut); err != nil {
		t.Fatalf("run: %v\noutput:\n%s%s", err, out.String(), errOut.String())
	}
	want := `from/size pages of 3: a1 a2 a3 | a4 a5 a6 | a7 a8
from/size at from=10000: 400 (beyond index.max_result_window)
search_after pages of 3: a1 a2 a3 | a4 a5 a6 | a7 a8 (last sort values [1775088000000,"Exactly-once delivery myths in messaging"])
`
	if got := out.String(); got != want {
		t.Errorf("output:\n%s\nwant:\n%s", got, want)
	}
}

func TestBadFlags(t *testing.T) {
	estest.BadFlags(t, run, [][]string{
		{"-page-size", "0"}, {"-page-size", "-1"}, {"-page-size", "10001"}, {"-page-size", "x"},
		{"-page-size", "99999999999999999999"}, {"-index", ""},
	})
}

func TestUnreachable(t *testing.T) { estest.Unreachable(t, run) }

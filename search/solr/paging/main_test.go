package main

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"example.com/cloudgo/internal/kit"

	"example.com/cloudgo/search/articles"
	"example.com/cloudgo/search/internal/solrconn/solrconntest"
	"example.com/cloudgo/search/solr"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

// TestRun: both pagings visit every article once, in the order of the sort.
func TestRun(t *testing.T) {
	want := `start/rows pages of 3: a1 a2 a3 | a4 a5 a6 | a7 a8
cursorMark pages of 3: a1 a2 a3 | a4 a5 a6 | a7 a8
cursorMark with sort=published asc: 400 Cursor functionality requires a sort containing a uniqueKey field tie breaker
`
	if got := solrconntest.RunOK(t, run, solrconntest.Args(t)...); got != want {
		t.Errorf("output:\n%s\nwant:\n%s", got, want)
	}
}

// TestEveryDocumentOnce: page sizes that divide the total, do not, and exceed it;
// and generated articles whose publication times collide, where only the id keeps
// the order total. paging itself fails unless every document comes exactly once.
func TestEveryDocumentOnce(t *testing.T) {
	args := solrconntest.Args(t)
	for _, size := range []int{1, 4, 8, 9} {
		out := solrconntest.RunOK(t, run, append(args, "-page-size", fmt.Sprint(size))...)
		if n := strings.Count(strings.SplitN(out, "\n", 2)[0], " "); n < 8 {
			t.Errorf("page size %d: %q", size, out)
		}
	}
	// 700 generated articles: published by the hour over a year, so times collide.
	c := solrconntest.Client(t)
	docs := solr.Docs(articles.Generate(700))
	if err := solr.Load(t.Context(), c, docs); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	if err := paging(t.Context(), c, 60, len(docs), &out); err != nil {
		t.Fatalf("paging: %v\n%s", err, out.String())
	}
	if lines := strings.Split(out.String(), "\n"); strings.Count(lines[1], "|") != 11 || strings.Count(lines[1], " ") < 700 {
		t.Errorf("cursorMark: want 12 pages of 700 articles:\n%s", lines[1])
	}
}

func TestBadFlags(t *testing.T) {
	solrconntest.BadFlags(t, run, [][]string{{"-page-size", "0"}, {"-page-size", "-3"}, {"-page-size", "10001"}, {"-page-size", "x"}})
}

func TestUnreachable(t *testing.T) { solrconntest.Unreachable(t, run) }

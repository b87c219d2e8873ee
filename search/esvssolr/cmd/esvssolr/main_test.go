package main

import (
	"os"
	"slices"
	"strings"
	"testing"

	"example.com/cloudgo/internal/elastictest"
	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/solrtest"

	"example.com/cloudgo/search/internal/estest"
	"example.com/cloudgo/search/internal/solrconn/solrconntest"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

// TestRun: the side-by-side output, every answer equal.
func TestRun(t *testing.T) {
	cluster := elastictest.Elasticsearch(t)
	index := estest.IndexName(t, estest.Client(t, cluster), "vs")
	args := append(estest.Args(t, cluster), "-index", index, "-solr-url", solrtest.URL(t), "-solr-core", solrtest.Core)
	// The first answer's lines as the test normalizes them: IDs sorted.
	want := `1. full text: body matches "search results" (by relevance)
   elasticsearch: a3 a5 a7
   solr: a3 a5 a7
2. filtered: title "search", category=search, published >= 2026-02-01, newest first
   elasticsearch: a7 a5 a3
   solr:          a7 a5 a3
3. articles per category
   elasticsearch: cache=2 messaging=2 search=4
   solr:          cache=2 messaging=2 search=4
4. pages of 3 by published (search_after / cursorMark)
   elasticsearch: a1 a2 a3 | a4 a5 a6 | a7 a8
   solr:          a1 a2 a3 | a4 a5 a6 | a7 a8
5. after setting views of a3 to 1050 (refresh=wait_for / commit): views >= 1000, most viewed first
   elasticsearch: a5 a1 a8 a3
   solr:          a5 a1 a8 a3
the two engines agree on all five answers
`
	// The first answer is compared as a set (ranking near-ties may differ).
	got := strings.Split(solrconntest.RunOK(t, run, args...), "\n")
	for i := 1; i <= 2 && i < len(got); i++ {
		label, ids, _ := strings.Cut(got[i], ":")
		got[i] = label + ": " + strings.Join(slices.Sorted(slices.Values(strings.Fields(ids))), " ")
	}
	if got := strings.Join(got, "\n"); got != want {
		t.Errorf("output:\n%s\nwant:\n%s", got, want)
	}
}

func TestBadFlags(t *testing.T) {
	cases := [][]string{{"-solr-url", "nohost"}, {"-solr-core", ""}, {"-index", "UPPER"}, {"-url", "ftp://x"}}
	solrconntest.BadFlags(t, run, cases)
}

// TestUnreachable: Elasticsearch's absence is one line naming its address.
func TestUnreachable(t *testing.T) { estest.Unreachable(t, run) }

// TestSolrUnreachable: so is Solr's, with Elasticsearch there.
func TestSolrUnreachable(t *testing.T) {
	cluster := elastictest.Elasticsearch(t)
	index := estest.IndexName(t, estest.Client(t, cluster), "vs")
	solrconntest.UnreachableFlag(t, run, "-solr-url", append(estest.Args(t, cluster), "-index", index)...)
}

package esvssolr

import (
	"os"
	"slices"
	"testing"

	"example.com/cloudgo/internal/elastictest"
	"example.com/cloudgo/internal/kit"

	"example.com/cloudgo/search/articles"
	"example.com/cloudgo/search/internal/estest"
	"example.com/cloudgo/search/internal/solrconn/solrconntest"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

// TestEnginesAgree: both engines give the answers a reader can check by eye over
// the eight sample articles, and so agree with each other.
func TestEnginesAgree(t *testing.T) {
	cluster := elastictest.Elasticsearch(t)
	es := estest.Client(t, cluster)
	index := estest.IndexName(t, es, "vs")
	fromES, err := AskElasticsearch(t.Context(), es, index, articles.Sample())
	if err != nil {
		t.Fatal(err)
	}
	fromSolr, err := AskSolr(t.Context(), solrconntest.Client(t), articles.Sample())
	if err != nil {
		t.Fatal(err)
	}
	want := Answers{
		FullText:   []string{"a3", "a5", "a7"}, // as a set: the ranking may tie
		Filtered:   []string{"a7", "a5", "a3"},
		Categories: map[string]int64{"search": 4, "cache": 2, "messaging": 2},
		Pages:      [][]string{{"a1", "a2", "a3"}, {"a4", "a5", "a6"}, {"a7", "a8"}},
		Popular:    []string{"a5", "a1", "a8", "a3"}, // a3 only after its update to 1050 views
	}
	for name, got := range map[string]Answers{"elasticsearch": fromES, "solr": fromSolr} {
		if d := Disagreements(got, want); len(d) > 0 {
			t.Errorf("%s: wrong answers to %v: %+v", name, d, got)
		}
	}
	if d := Disagreements(fromES, fromSolr); len(d) > 0 {
		t.Errorf("the engines disagree on %v:\nelasticsearch %+v\nsolr          %+v", d, fromES, fromSolr)
	}
}

// TestDisagreements: a different order counts only where the order is total.
func TestDisagreements(t *testing.T) {
	a := Answers{FullText: []string{"a", "b"}, Filtered: []string{"a", "b"}, Categories: map[string]int64{"x": 1},
		Pages: [][]string{{"a"}, {"b"}}, Popular: []string{"a"}}
	b := a
	b.FullText = []string{"b", "a"}
	if d := Disagreements(a, b); len(d) != 0 {
		t.Errorf("full text in another order: %v, want agreement", d)
	}
	b.Filtered, b.Categories, b.Pages, b.Popular = []string{"b", "a"}, map[string]int64{"x": 2}, [][]string{{"a", "b"}}, nil
	b.FullText = []string{"a"}
	if d := Disagreements(a, b); !slices.Equal(d, []string{"full text", "filtered", "per category", "paged", "updated"}) {
		t.Errorf("Disagreements = %v", d)
	}
}

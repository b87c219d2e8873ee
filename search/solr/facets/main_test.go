package main

import (
	"cmp"
	"maps"
	"math"
	"os"
	"slices"
	"testing"

	"example.com/cloudgo/internal/kit"

	"example.com/cloudgo/search/articles"
	"example.com/cloudgo/search/internal/solrconn/solrconntest"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

// TestFacetsMatchGo: every count and stat Solr computes equals the same computation
// in Go over the data set; the classic facets agree with the JSON Facet API.
func TestFacetsMatchGo(t *testing.T) {
	out := solrconntest.RunOK(t, run, solrconntest.Args(t)...) // loads the articles
	c := solrconntest.Client(t)
	s, err := jsonFacets(t.Context(), c)
	if err != nil {
		t.Fatal(err)
	}
	sample := articles.Sample()
	type cat struct {
		name  string
		n     int64
		stars float64
	}
	var cats []cat
	months := map[string]int64{}
	var views, minV, maxV, stars float64 = 0, math.Inf(1), math.Inf(-1), 0
	for _, a := range sample {
		i := slices.IndexFunc(cats, func(c cat) bool { return c.name == a.Category })
		if i < 0 {
			cats, i = append(cats, cat{name: a.Category}), len(cats)
		}
		cats[i].n++
		cats[i].stars += float64(float32(a.Rating)) // pfloat keeps float32
		months[a.Published.Format("2006-01")]++
		v := float64(a.Views)
		views, minV, maxV, stars = views+v, min(minV, v), max(maxV, v), stars+float64(float32(a.Rating))
	}
	// terms buckets: by count, ties by value.
	slices.SortFunc(cats, func(a, b cat) int { return cmp.Or(cmp.Compare(b.n, a.n), cmp.Compare(a.name, b.name)) })

	if s.Count != int64(len(sample)) {
		t.Errorf("count = %d, want %d", s.Count, len(sample))
	}
	if len(s.Categories.Buckets) != len(cats) {
		t.Fatalf("category buckets %+v, want %+v", s.Categories.Buckets, cats)
	}
	for i, b := range s.Categories.Buckets {
		if b.Val != cats[i].name || b.Count != cats[i].n || math.Abs(b.AvgRating-cats[i].stars/float64(cats[i].n)) > 1e-6 {
			t.Errorf("bucket %d = %+v, want %+v", i, b, cats[i])
		}
	}
	got := map[string]int64{}
	for _, b := range s.PerMonth.Buckets {
		if b.Count > 0 {
			got[b.Val.UTC().Format("2006-01")] = b.Count
		}
		if v := b.Val.UTC(); v.Day() != 1 || v.Hour() != 0 {
			t.Errorf("month bucket starts at %v", b.Val)
		}
	}
	if !maps.Equal(got, months) {
		t.Errorf("per month %v, want %v", got, months)
	}
	if s.Views != views || s.MinViews != minV || s.MaxViews != maxV || math.Abs(s.AvgRating-stars/float64(len(sample))) > 1e-6 {
		t.Errorf("stats views sum/min/max %v/%v/%v avg rating %v, want %v/%v/%v %v", s.Views, s.MinViews, s.MaxViews, s.AvgRating, views, minV, maxV, stars/float64(len(sample)))
	}
	want := "facet.field=category: search=4 cache=2 messaging=2\nfacet.field=author: ana=3 chen=3 ben=2\n"
	if out[:min(len(out), len(want))] != want {
		t.Errorf("classic facets:\n%s\nwant:\n%s", out, want)
	}
}

func TestBadFlags(t *testing.T) {
	solrconntest.BadFlags(t, run, [][]string{{"-url", "mailto:x"}, {"-core", ""}})
}

func TestUnreachable(t *testing.T) { solrconntest.Unreachable(t, run) }

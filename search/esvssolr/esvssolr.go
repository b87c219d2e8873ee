// Package esvssolr asks Elasticsearch and Solr the same five questions about the
// same articles — full-text match, filtered, counted per category, paged, and
// after an update — so the answers can be compared side by side.
package esvssolr

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
)

// The questions, the same for both engines.
const (
	FullTextQuery = "search results" // 1: matched against body, ranked by BM25
	FilterSince   = "2026-02-01"     // 2: title "search", category=search, published >= this, newest first
	PageSize      = 3                // 4: pages by published, then a unique tie-breaker
	UpdatedID     = "a3"             // 5: the views of this article are set to UpdatedViews,
	UpdatedViews  = 1050
	PopularViews  = 1000 // then: articles with views >= this, most viewed first
)

// Answers are one engine's answers, as document IDs and counts.
type Answers struct {
	FullText   []string         // by relevance
	Filtered   []string         // newest first
	Categories map[string]int64 // articles per category
	Pages      [][]string       // search_after / cursorMark pages
	Popular    []string         // after the update, most viewed first
}

// Disagreements lists where es and solr answer differently. The full-text ranking
// may differ where BM25 scores tie or nearly tie (the engines' statistics are not
// identical), so that question compares the sets of IDs; every other question has
// a total order and compares exactly.
func Disagreements(es, solr Answers) []string {
	var d []string
	if !slices.Equal(sorted(es.FullText), sorted(solr.FullText)) {
		d = append(d, "full text")
	}
	if !slices.Equal(es.Filtered, solr.Filtered) {
		d = append(d, "filtered")
	}
	if !maps.Equal(es.Categories, solr.Categories) {
		d = append(d, "per category")
	}
	if !slices.EqualFunc(es.Pages, solr.Pages, slices.Equal) {
		d = append(d, "paged")
	}
	if !slices.Equal(es.Popular, solr.Popular) {
		d = append(d, "updated")
	}
	return d
}

func sorted(s []string) []string { return slices.Sorted(slices.Values(s)) }

// Print writes both engines' answers, question by question.
func Print(out io.Writer, es, solr Answers) {
	q := func(n int, title string, show func(Answers) string) {
		fmt.Fprintf(out, "%d. %s\n   elasticsearch: %s\n   solr:          %s\n", n, title, show(es), show(solr))
	}
	q(1, fmt.Sprintf("full text: body matches %q (by relevance)", FullTextQuery), func(a Answers) string { return ids(a.FullText) })
	q(2, fmt.Sprintf("filtered: title %q, category=%s, published >= %s, newest first", "search", "search", FilterSince),
		func(a Answers) string { return ids(a.Filtered) })
	q(3, "articles per category", func(a Answers) string {
		var s []string
		for _, k := range slices.Sorted(maps.Keys(a.Categories)) {
			s = append(s, fmt.Sprintf("%s=%d", k, a.Categories[k]))
		}
		return strings.Join(s, " ")
	})
	q(4, fmt.Sprintf("pages of %d by published (search_after / cursorMark)", PageSize), func(a Answers) string {
		var s []string
		for _, p := range a.Pages {
			s = append(s, ids(p))
		}
		return strings.Join(s, " | ")
	})
	q(5, fmt.Sprintf("after setting views of %s to %d (%s): views >= %d, most viewed first", UpdatedID, UpdatedViews, "refresh=wait_for / commit", PopularViews),
		func(a Answers) string { return ids(a.Popular) })
}

func ids(s []string) string {
	if len(s) == 0 {
		return "(none)"
	}
	return strings.Join(s, " ")
}

package main

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"example.com/cloudgo/internal/kit"

	"example.com/cloudgo/search/internal/solrconn/solrconntest"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

var scores = regexp.MustCompile(` score=([0-9.]+)`)

// TestRun: hits and their order for each query parser, the filtered and sorted
// query, the highlighted terms, and the undefined field's error as one clear line.
// Scores depend on the engine's statistics: the test wants them present, positive,
// and descending where the order is by score.
func TestRun(t *testing.T) {
	args := solrconntest.Args(t)
	out := solrconntest.RunOK(t, run, args...)
	byScore, _, _ := strings.Cut(out, "q=title:search") // the queries before it sort by score
	for _, b := range strings.Split(byScore, " hits\n") {
		prev := 1e9
		for _, m := range scores.FindAllStringSubmatch(b, -1) {
			s, _ := strconv.ParseFloat(m[1], 64)
			if s <= 0 || s > prev {
				t.Errorf("scores not positive and descending in:\n%s", b)
			}
			prev = s
		}
	}
	got := scores.ReplaceAllString(out, "")
	got = strings.ReplaceAll(got, args[1], "URL")
	want := `q=body:(search results): 3 hits
  1. a3 Near real-time search explained (2026-02-03)
  2. a7 Paginating search results with search_after (2026-03-22)
  3. a5 Full-text search with analyzers (2026-03-01)
q=body:"real-time search": 1 hits
  1. a3 Near real-time search explained (2026-02-03)
edismax q=cache qf=title^2 body: 2 hits
  1. a6 Cache invalidation strategies (2026-03-09)
  2. a2 Redis as a cache in front of Postgres (2026-01-20)
q=title:search fq=category:search fq=published:[2026-02-01T00:00:00Z TO *] sort=published desc: 3 hits
  1. a7 Paginating search results with search_after (2026-03-22)
  2. a5 Full-text search with analyzers (2026-03-01)
  3. a3 Near real-time search explained (2026-02-03)
q=body:(analyzer running) hl=true hl.fl=body: 1 hits
  1. a5 Full-text search with analyzers (2026-03-01)
`
	if !strings.HasPrefix(got, want) {
		t.Errorf("output:\n%s\nwant it to start with:\n%s", got, want)
	}
	// The highlighter's passages differ between Solr's unified highlighter and
	// others; every query term's stem must be marked.
	rest := strings.TrimPrefix(got, want)
	for _, term := range []string{"<em>Analyzers</em>", "<em>analyzer</em>", "<em>runs</em>"} {
		if !strings.Contains(rest, term) {
			t.Errorf("highlighting does not mark %s:\n%s", term, rest)
		}
	}
	if last := "q=nosuch:value: solr at URL: POST /articles/select: 400 undefined field nosuch\n"; !strings.HasSuffix(got, last) {
		t.Errorf("output ends:\n%s\nwant:\n%s", got[max(0, len(got)-200):], last)
	}
}

func TestBadFlags(t *testing.T) {
	solrconntest.BadFlags(t, run, [][]string{{"-url", "http://"}, {"-core", "a?b"}})
}

func TestUnreachable(t *testing.T) { solrconntest.Unreachable(t, run) }

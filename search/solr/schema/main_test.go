package main

import (
	"context"
	"os"
	"strings"
	"testing"

	"example.com/cloudgo/internal/kit"

	"example.com/cloudgo/search/internal/solrconn"
	"example.com/cloudgo/search/internal/solrconn/solrconntest"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

// TestRun: the guessed type, the explicit fields, the typo refused; twice, because
// the program must work on a core it has already set up.
func TestRun(t *testing.T) {
	args := solrconntest.Args(t)
	for range 2 {
		out := solrconntest.RunOK(t, run, args...)
		lines := strings.Split(out, "\n")
		if lines[0] != `schemaless: {"stars": 4} created field stars of type plongs` {
			t.Errorf("first line %q: want the guessed type plongs", lines[0])
		}
		// Solr turns 4.5 into the long 4 (or, should a version refuse it, a 400).
		if l := lines[1]; l != `then {"stars": 4.5}: accepted, stored as [4]` && !strings.HasPrefix(l, `then {"stars": 4.5}: refused: 400`) {
			t.Errorf("second line %q", l)
		}
		want := `the articles' fields, added with the Schema API:
  author     string
  body       text_en
  category   string
  published  pdate
  rating     pfloat
  tags       string multiValued
  title      text_en
  views      pint
with update.autoCreateFields=false, {"titel": …}: 400 ERROR: [doc=typo] unknown field 'titel'
`
		if got := strings.Join(lines[2:], "\n"); got != want {
			t.Errorf("output:\n%s\nwant:\n%s", got, want)
		}
	}
	c := solrconntest.Client(t)
	if _, err := c.SchemaField(context.Background(), "stars"); solrconn.Code(err) != 404 {
		t.Errorf("guessed field stars: %v, want it deleted (404)", err)
	}
}

func TestBadFlags(t *testing.T) {
	solrconntest.BadFlags(t, run, [][]string{{"-url", "ftp://x"}, {"-core", ""}, {"-core", "-x"}, {"-core", "a/b"}, {"-nosuch"}})
}

func TestUnreachable(t *testing.T) { solrconntest.Unreachable(t, run) }

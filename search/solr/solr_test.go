package solr

import (
	"errors"
	"net/url"
	"os"
	"reflect"
	"strings"
	"testing"

	"example.com/cloudgo/internal/kit"

	"example.com/cloudgo/search/articles"
	"example.com/cloudgo/search/internal/solrconn"
	"example.com/cloudgo/search/internal/solrconn/solrconntest"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

// TestRoundTrip: every article comes back from realtime get and from /select
// exactly as it went in (dates, lists, numbers), with a _version_; and Setup is a
// no-op once the schema holds the fields.
func TestRoundTrip(t *testing.T) {
	c := solrconntest.Client(t)
	want := Docs(articles.Sample())
	if err := Load(t.Context(), c, want); err != nil {
		t.Fatal(err)
	}
	if cmds, err := Setup(t.Context(), c); err != nil || len(cmds) != 0 {
		t.Errorf("Setup on a set-up schema: %v, %v; want nothing to do", cmds, err)
	}
	for _, w := range want {
		var got Doc
		if found, err := c.Get(t.Context(), w.ID, &got); err != nil || !found {
			t.Fatalf("get %s: found=%t %v", w.ID, found, err)
		}
		if got.Version == 0 {
			t.Errorf("get %s: no _version_", w.ID)
		}
		got.Version = 0
		if !reflect.DeepEqual(got, w) {
			t.Errorf("get %s:\n%+v\nwant\n%+v", w.ID, got, w)
		}
	}
	res, err := c.Select(t.Context(), url.Values{"q": {"*:*"}, "sort": {"id asc"}, "rows": {"100"}, "fl": {"*"}})
	if err != nil {
		t.Fatal(err)
	}
	got, err := solrconn.Docs[Doc](res)
	if err != nil {
		t.Fatal(err)
	}
	for i := range got {
		got[i].Version = 0
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("select:\n%+v\nwant\n%+v", got, want)
	}
}

// TestErrors: Solr's error answers arrive as *solrconn.Error with Solr's code and
// message: a query on a field the schema lacks, a core that does not exist.
func TestErrors(t *testing.T) {
	c := solrconntest.Client(t)
	_, err := c.Select(t.Context(), url.Values{"q": {"nosuch:value"}})
	var e *solrconn.Error
	if !errors.As(err, &e) || e.Code != 400 || e.Msg != "undefined field nosuch" {
		t.Errorf("query on an undefined field: %#v (%v), want 400 undefined field nosuch", e, err)
	}
	missing := &solrconn.Client{URL: c.URL, Core: "nosuchcore"}
	if err := missing.Ping(t.Context()); solrconn.Code(err) != 404 || !strings.Contains(err.Error(), `no core "nosuchcore"`) {
		t.Errorf("ping a missing core: %v, want 404 naming the core", err)
	}
}

package solrconn

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"example.com/cloudgo/search/internal/cli"
)

// serve answers every request with status and body.
func serve(t *testing.T, status int, body string) *Client {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	return &Client{URL: srv.URL + "/solr", Core: "articles"}
}

// TestSolrErrorIsAGoError: Solr's error body becomes an *Error with its msg and
// code, and the error names the request and the server.
func TestSolrErrorIsAGoError(t *testing.T) {
	c := serve(t, 400, `{"responseHeader":{"status":400,"QTime":0},"error":{"metadata":["error-class","org.apache.solr.common.SolrException"],"msg":"undefined field nosuch","code":400}}`)
	_, err := c.Select(context.Background(), url.Values{"q": {"nosuch:x"}})
	var e *Error
	if !errors.As(err, &e) || e.Code != 400 || e.Msg != "undefined field nosuch" {
		t.Fatalf("err = %#v", err)
	}
	if want := "solr at " + c.URL + ": POST /articles/select: 400 undefined field nosuch"; err.Error() != want {
		t.Errorf("err = %q, want %q", err, want)
	}
	if Code(err) != 400 || Cause(err) != e {
		t.Errorf("Code = %d, Cause = %v", Code(err), Cause(err))
	}
}

func TestSchemaErrorDetails(t *testing.T) {
	c := serve(t, 400, `{"responseHeader":{"status":400},"error":{"details":[{"add-field":{"name":"title","type":"text_en"},"errorMessages":["Field 'title' already exists.\n"]}],"msg":"error processing commands","code":400}}`)
	err := c.Schema(context.Background(), map[string][]any{"add-field": {Field{Name: "title", Type: "text_en"}}})
	if got := Cause(err).Error(); got != "400 error processing commands: Field 'title' already exists." {
		t.Errorf("err = %q", got)
	}
}

func TestVersionConflict(t *testing.T) {
	c := serve(t, 409, `{"responseHeader":{"status":409},"error":{"msg":"version conflict for doc-1 expected=1 actual=2","code":409}}`)
	_, err := c.Update(context.Background(), []any{map[string]any{"id": "doc-1", "_version_": 1}}, nil)
	if Code(err) != 409 {
		t.Errorf("Code(%v) = %d, want 409", err, Code(err))
	}
}

// TestNotSolr: an answer that is not Solr's JSON (Jetty's 404 page for a missing
// core) still gives the status, without HTML in the message.
func TestNotSolr(t *testing.T) {
	c := serve(t, 404, "<html><body><h2>HTTP ERROR 404 Not Found</h2></body></html>")
	err := c.Ping(context.Background())
	if Code(err) != 404 || !strings.Contains(err.Error(), `no core "articles"`) || strings.Contains(err.Error(), "<") {
		t.Errorf("err = %v", err)
	}
}

func TestUnreachable(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	l.Close() // nothing listens there now
	c := &Client{URL: "http://" + l.Addr().String() + "/solr", Core: "articles"}
	err = c.Ping(context.Background())
	if err == nil || !strings.HasPrefix(err.Error(), "solr at "+c.URL+" unreachable (start it with `make up`): ") {
		t.Errorf("err = %v", err)
	}
}

func TestCheck(t *testing.T) {
	for _, c := range []Client{{URL: "127.0.0.1:8983", Core: "a"}, {URL: "http://x/solr", Core: ""}, {URL: "http://x/solr", Core: "-a"},
		{URL: "http://x/solr", Core: ".."}, {URL: "http://x/solr", Core: "a b"}, {URL: "https:///solr", Core: "a"}} {
		if err := c.Check(); cli.Code(err) != 2 {
			t.Errorf("Check(%+v) = %v, want a usage error", c, err)
		}
	}
	c := Client{URL: "http://x:8983/solr/", Core: "my_core-1.v2"}
	if err := c.Check(); err != nil || c.URL != "http://x:8983/solr" {
		t.Errorf("Check = %v, URL %q", err, c.URL)
	}
}

func TestResponseHelpers(t *testing.T) {
	var r UpdateResponse
	if err := json.Unmarshal([]byte(`{"adds":["a",1883708916844462081,"b",9]}`), &r); err != nil {
		t.Fatal(err)
	}
	if v := r.Versions(); v["a"] != 1883708916844462081 || v["b"] != 9 {
		t.Errorf("Versions = %v", v)
	}
	var res Response
	res.FacetCounts.FacetFields = map[string][]any{"category": {"search", float64(4), "cache", float64(2)}}
	counts, order := res.FieldFacet("category")
	if counts["search"] != 4 || counts["cache"] != 2 || strings.Join(order, ",") != "search,cache" {
		t.Errorf("FieldFacet = %v %v", counts, order)
	}
}

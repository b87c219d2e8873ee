package solrconn

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
)

// Update posts body to the core's JSON update API (/update): an array of
// documents, or commands such as {"add":…}, {"delete":…}, {"commit":{}}. params
// carry commit, softCommit, commitWithin, versions. It returns the response header
// and, with versions=true, the versions assigned ("adds": [id, version, …]).
func (c *Client) Update(ctx context.Context, body any, params url.Values) (UpdateResponse, error) {
	var res UpdateResponse
	err := c.Do(ctx, http.MethodPost, "/"+c.Core+"/update", params, body, &res)
	return res, err
}

// UpdateResponse is what /update answers.
type UpdateResponse struct {
	// With versions=true: id, version, id, version, … Versions are 64-bit
	// integers, more than a float64 holds exactly, so they stay raw here.
	Adds []json.RawMessage `json:"adds"`
}

// Versions returns the versions of the added documents by id (versions=true).
func (r UpdateResponse) Versions() map[string]int64 {
	m := map[string]int64{}
	for i := 0; i+1 < len(r.Adds); i += 2 {
		var id string
		if json.Unmarshal(r.Adds[i], &id) != nil {
			continue
		}
		if v, err := strconv.ParseInt(string(r.Adds[i+1]), 10, 64); err == nil {
			m[id] = v
		}
	}
	return m
}

// Commit makes everything sent so far visible to /select. A hard commit also
// persists the index (fsync); soft=true opens a new searcher without persisting:
// cheaper, what commitWithin does too.
func (c *Client) Commit(ctx context.Context, soft bool) error {
	params := url.Values{"commit": {"true"}}
	if soft {
		params = url.Values{"softCommit": {"true"}}
	}
	// A commit-only request has no body: Solr's documented form is a GET
	// (curl '…/update?commit=true').
	return c.Do(ctx, http.MethodGet, "/"+c.Core+"/update", params, nil, nil)
}

// Get is realtime get (/get?id=…): it reads the update log, so it sees a document
// as soon as the update returned, committed or not. It decodes the document into
// out and reports whether it exists.
func (c *Client) Get(ctx context.Context, id string, out any) (bool, error) {
	var res struct {
		Doc json.RawMessage `json:"doc"`
	}
	if err := c.Do(ctx, http.MethodGet, "/"+c.Core+"/get", url.Values{"id": {id}}, nil, &res); err != nil {
		return false, err
	}
	if len(res.Doc) == 0 || string(res.Doc) == "null" {
		return false, nil
	}
	if err := json.Unmarshal(res.Doc, out); err != nil {
		return true, fmt.Errorf("solr at %s: decode document %s: %w", c.Addr(), id, err)
	}
	return true, nil
}

// Response is a search answer (/select, /query): the documents and whatever
// faceting, highlighting and cursor it asked for.
type Response struct {
	Response struct {
		NumFound int64             `json:"numFound"`
		Start    int64             `json:"start"`
		MaxScore float64           `json:"maxScore"`
		Docs     []json.RawMessage `json:"docs"`
	} `json:"response"`
	NextCursorMark string `json:"nextCursorMark"`
	FacetCounts    struct {
		FacetFields map[string][]any `json:"facet_fields"` // term, count, term, count, …
	} `json:"facet_counts"`
	Facets       json.RawMessage                `json:"facets"`       // JSON Facet API
	Highlighting map[string]map[string][]string `json:"highlighting"` // id → field → snippets
}

// Docs decodes the documents of r into T.
func Docs[T any](r *Response) ([]T, error) {
	out := make([]T, len(r.Response.Docs))
	for i, d := range r.Response.Docs {
		if err := json.Unmarshal(d, &out[i]); err != nil {
			return nil, fmt.Errorf("decode document %d: %w", i, err)
		}
	}
	return out, nil
}

// FieldFacet returns classic field facet counts (facet.field) as term → count, and
// the terms in Solr's order.
func (r *Response) FieldFacet(field string) (map[string]int64, []string) {
	counts := map[string]int64{}
	var order []string
	flat := r.FacetCounts.FacetFields[field]
	for i := 0; i+1 < len(flat); i += 2 {
		term := fmt.Sprint(flat[i])
		n, _ := flat[i+1].(float64)
		counts[term] = int64(n)
		order = append(order, term)
	}
	return counts, order
}

// Select runs a search with request parameters (q, fq, sort, fl, rows, facet…).
// It is sent as a form POST, so long queries do not hit URL length limits.
func (c *Client) Select(ctx context.Context, params url.Values) (*Response, error) {
	var res Response
	err := c.DoForm(ctx, "/"+c.Core+"/select", params, &res)
	return &res, err
}

// DoForm posts params as application/x-www-form-urlencoded, which Solr reads
// exactly like query parameters.
func (c *Client) DoForm(ctx context.Context, path string, params url.Values, out any) error {
	return c.Do(ctx, http.MethodPost, path, nil, form(params.Encode()), out)
}

// form is a body sent as a form; Do sets its content type.
type form string

// Query runs a search with the JSON Request API (/query): {"query":…, "filter":…,
// "facet":…, "limit":…, "sort":…}.
func (c *Client) Query(ctx context.Context, body any) (*Response, error) {
	var res Response
	err := c.Do(ctx, http.MethodPost, "/"+c.Core+"/query", nil, body, &res)
	return &res, err
}

// Field is one field of the schema (GET /schema/fields).
type Field struct {
	Name        string `json:"name"`
	Type        string `json:"type"`
	MultiValued *bool  `json:"multiValued,omitempty"`
	Indexed     *bool  `json:"indexed,omitempty"`
	Stored      *bool  `json:"stored,omitempty"`
	DocValues   *bool  `json:"docValues,omitempty"`
}

// Fields returns the core's explicit fields.
func (c *Client) Fields(ctx context.Context) ([]Field, error) {
	var res struct {
		Fields []Field `json:"fields"`
	}
	err := c.Do(ctx, http.MethodGet, "/"+c.Core+"/schema/fields", nil, nil, &res)
	return res.Fields, err
}

// SchemaField returns one field, with showDefaults=true: the properties it gets
// from its field type (multiValued, docValues …) spelled out.
func (c *Client) SchemaField(ctx context.Context, name string) (Field, error) {
	var res struct {
		Field Field `json:"field"`
	}
	err := c.Do(ctx, http.MethodGet, "/"+c.Core+"/schema/fields/"+url.PathEscape(name), url.Values{"showDefaults": {"true"}}, nil, &res)
	return res.Field, err
}

// Schema posts Schema API commands in one request, which Solr applies all or
// none: {"add-field": [...], "replace-field": [...], "delete-field": [...]}.
func (c *Client) Schema(ctx context.Context, commands map[string][]any) error {
	return c.Do(ctx, http.MethodPost, "/"+c.Core+"/schema", nil, commands, nil)
}

// SetUserProperty sets a user property of the core's configuration with the Config
// API (/config set-user-property), e.g. update.autoCreateFields=false to turn off
// schemaless field guessing. Solr reloads the core to apply it.
func (c *Client) SetUserProperty(ctx context.Context, name, value string) error {
	body := map[string]any{"set-user-property": map[string]string{name: value}}
	return c.Do(ctx, http.MethodPost, "/"+c.Core+"/config", nil, body, nil)
}

// DeleteAll deletes every document of the core and commits: a known, empty start.
func (c *Client) DeleteAll(ctx context.Context) error {
	_, err := c.Update(ctx, map[string]any{"delete": map[string]string{"query": "*:*"}}, url.Values{"commit": {"true"}})
	return err
}

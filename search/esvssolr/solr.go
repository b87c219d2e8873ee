package esvssolr

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"

	"example.com/cloudgo/search/articles"
	"example.com/cloudgo/search/internal/solrconn"
	"example.com/cloudgo/search/solr"
)

// AskSolr empties c's core, loads docs (schema fields as in package solr) and asks
// the five questions with query parsers, filter queries and the JSON Facet API.
func AskSolr(ctx context.Context, c *solrconn.Client, docs []articles.Article) (Answers, error) {
	var a Answers
	if err := solr.Load(ctx, c, solr.Docs(docs)); err != nil {
		return a, err
	}
	ids := func(params url.Values) ([]string, *solrconn.Response, error) {
		params.Set("fl", "id")
		res, err := c.Select(ctx, params)
		if err != nil {
			return nil, nil, err
		}
		docs, err := solrconn.Docs[solr.Doc](res)
		var out []string
		for _, d := range docs {
			out = append(out, d.ID)
		}
		return out, res, err
	}
	var err error

	// 1. edismax takes the user's text as it is (no query syntax to escape);
	// with q.op=OR its terms are ORed, like match.
	if a.FullText, _, err = ids(url.Values{"defType": {"edismax"}, "qf": {"body"}, "q": {FullTextQuery}}); err != nil {
		return a, err
	}
	// 2. q scores; fq filters, unscored and cached.
	if a.Filtered, _, err = ids(url.Values{"q": {"title:search"}, "sort": {"published desc"},
		"fq": {"category:search", "published:[" + FilterSince + "T00:00:00Z TO *]"}}); err != nil {
		return a, err
	}
	// 3. a terms facet of the JSON Facet API, limit 0: no documents.
	res, err := c.Query(ctx, map[string]any{"query": "*:*", "limit": 0,
		"facet": map[string]any{"by_category": map[string]any{"type": "terms", "field": "category"}}})
	if err != nil {
		return a, err
	}
	var f struct {
		ByCategory struct {
			Buckets []struct {
				Val   string `json:"val"`
				Count int64  `json:"count"`
			} `json:"buckets"`
		} `json:"by_category"`
	}
	if err := json.Unmarshal(res.Facets, &f); err != nil {
		return a, fmt.Errorf("solr at %s: decode facets: %w", c.Addr(), err)
	}
	a.Categories = map[string]int64{}
	for _, b := range f.ByCategory.Buckets {
		a.Categories[b.Val] = b.Count
	}
	// 4. cursorMark: the sort must end with the uniqueKey, id.
	for mark := "*"; ; {
		page, res, err := ids(url.Values{"q": {"*:*"}, "sort": {"published asc,id asc"},
			"rows": {strconv.Itoa(PageSize)}, "cursorMark": {mark}})
		if err != nil {
			return a, err
		}
		if len(page) > 0 {
			a.Pages = append(a.Pages, page)
		}
		if res.NextCursorMark == mark {
			break
		}
		mark = res.NextCursorMark
	}
	// 5. an atomic update, searchable after the commit.
	upd := map[string]any{"id": UpdatedID, "views": map[string]int{"set": UpdatedViews}}
	if _, err := c.Update(ctx, []any{upd}, url.Values{"commit": {"true"}}); err != nil {
		return a, err
	}
	a.Popular, _, err = ids(url.Values{"q": {"*:*"}, "fq": {"views:[" + strconv.Itoa(PopularViews) + " TO *]"}, "sort": {"views desc"}})
	return a, err
}

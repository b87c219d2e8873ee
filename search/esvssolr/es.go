package esvssolr

import (
	"context"
	"fmt"

	"github.com/elastic/go-elasticsearch/v8"
	"github.com/elastic/go-elasticsearch/v8/typedapi/core/search"
	"github.com/elastic/go-elasticsearch/v8/typedapi/types"
	"github.com/elastic/go-elasticsearch/v8/typedapi/types/enums/refresh"
	"github.com/elastic/go-elasticsearch/v8/typedapi/types/enums/sortorder"

	"example.com/cloudgo/search/articles"
	"example.com/cloudgo/search/internal/esconn"
)

// AskElasticsearch (re)creates index with the articles' mapping, loads docs and
// asks the five questions with the Query DSL and aggregations.
func AskElasticsearch(ctx context.Context, es *elasticsearch.TypedClient, index string, docs []articles.Article) (Answers, error) {
	var a Answers
	if err := articles.Recreate(ctx, es, index); err != nil {
		return a, err
	}
	if err := articles.Load(ctx, es, index, docs); err != nil {
		return a, err
	}
	hits := func(req *search.Search) ([]string, error) {
		res, err := req.Do(ctx)
		if err != nil {
			return nil, fmt.Errorf("search %s: %w", index, err)
		}
		var ids []string
		for _, h := range res.Hits.Hits {
			ids = append(ids, *h.Id_)
		}
		return ids, nil
	}
	sortBy := func(field string, o sortorder.SortOrder) types.SortCombinations {
		return types.SortOptions{SortOptions: map[string]types.FieldSort{field: {Order: &o}}}
	}
	var err error

	// 1. match: the text is analyzed like the field; terms are ORed.
	if a.FullText, err = hits(es.Search().Index(index).
		Query(&types.Query{Match: map[string]types.MatchQuery{"body": {Query: FullTextQuery}}})); err != nil {
		return a, err
	}
	// 2. bool: a scored must, unscored (cached) filters, sorted.
	since := FilterSince
	filtered := types.Query{Bool: &types.BoolQuery{
		Must: []types.Query{{Match: map[string]types.MatchQuery{"title": {Query: "search"}}}},
		Filter: []types.Query{
			{Term: map[string]types.TermQuery{"category": {Value: "search"}}},
			{Range: map[string]types.RangeQuery{"published": types.DateRangeQuery{Gte: &since}}},
		},
	}}
	if a.Filtered, err = hits(es.Search().Index(index).Query(&filtered).Sort(sortBy("published", sortorder.Desc))); err != nil {
		return a, err
	}
	// 3. a terms aggregation, size 0: no documents, only the buckets.
	category := "category"
	res, err := es.Search().Index(index).Size(0).
		Aggregations(map[string]types.Aggregations{"by_category": {Terms: &types.TermsAggregation{Field: &category}}}).Do(ctx)
	if err != nil {
		return a, fmt.Errorf("aggregate %s: %w", index, err)
	}
	terms, err := esconn.As[*types.StringTermsAggregate](res.Aggregations["by_category"], "by_category")
	if err != nil {
		return a, err
	}
	buckets, err := esconn.As[[]types.StringTermsBucket](terms.Buckets, "by_category buckets")
	if err != nil {
		return a, err
	}
	a.Categories = map[string]int64{}
	for _, b := range buckets {
		a.Categories[fmt.Sprint(b.Key)] = b.DocCount
	}
	// 4. search_after: the last hit's sort values fetch the next page. Sorting by
	// _id is off by default in Elasticsearch 8, so title.keyword breaks ties.
	order := []types.SortCombinations{sortBy("published", sortorder.Asc), sortBy("title.keyword", sortorder.Asc)}
	all := types.Query{MatchAll: &types.MatchAllQuery{}}
	for after := []types.FieldValue(nil); ; {
		req := es.Search().Index(index).Query(&all).Sort(order...).Size(PageSize)
		if after != nil {
			req.SearchAfter(after...)
		}
		res, err := req.Do(ctx)
		if err != nil {
			return a, fmt.Errorf("search %s after %v: %w", index, after, err)
		}
		if len(res.Hits.Hits) == 0 {
			break
		}
		var page []string
		for _, h := range res.Hits.Hits {
			page = append(page, *h.Id_)
		}
		a.Pages = append(a.Pages, page)
		after = res.Hits.Hits[len(res.Hits.Hits)-1].Sort
	}
	// 5. a partial update, searchable on return thanks to refresh=wait_for.
	if _, err := es.Update(index, UpdatedID).Doc(map[string]int{"views": UpdatedViews}).Refresh(refresh.Waitfor).Do(ctx); err != nil {
		return a, fmt.Errorf("update %s in %s: %w", UpdatedID, index, err)
	}
	minViews := types.Float64(PopularViews)
	popular := types.Query{Range: map[string]types.RangeQuery{"views": types.NumberRangeQuery{Gte: &minViews}}}
	a.Popular, err = hits(es.Search().Index(index).Query(&popular).Sort(sortBy("views", sortorder.Desc)))
	return a, err
}

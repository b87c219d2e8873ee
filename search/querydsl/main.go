// Command querydsl loads eight articles and runs the searches most applications need:
// match, multi_match, match_phrase, bool with filters and a date range, sorting, and
// highlighting.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/elastic/go-elasticsearch/v8"
	"github.com/elastic/go-elasticsearch/v8/typedapi/core/search"
	"github.com/elastic/go-elasticsearch/v8/typedapi/types"
	"github.com/elastic/go-elasticsearch/v8/typedapi/types/enums/sortorder"

	"example.com/cloudgo/search/articles"
	"example.com/cloudgo/search/internal/cli"
	"example.com/cloudgo/search/internal/esconn"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("querydsl", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("querydsl", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var conn esconn.Config
	conn.RegisterFlags(fs)
	index := fs.String("index", "articles", "index to (re)create and load with the sample articles")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if err := conn.Check(); err != nil {
		return err
	}
	if err := esconn.CheckIndex("index", *index); err != nil {
		return err
	}
	es, err := conn.Connect(ctx)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	q := queries{es: es, index: *index, out: stdout}
	return conn.Errorf(q.run(ctx))
}

type queries struct {
	es    *elasticsearch.TypedClient
	index string
	out   io.Writer
}

func (q queries) run(ctx context.Context) error {
	if err := articles.Recreate(ctx, q.es, q.index); err != nil {
		return err
	}
	if err := articles.Load(ctx, q.es, q.index, articles.Sample()); err != nil {
		return err
	}
	for _, step := range []func(context.Context) error{q.fullText, q.boolFilter, q.highlight} {
		if err := step(ctx); err != nil {
			return err
		}
	}
	return nil
}

// show runs a search and prints its hits in order, with any highlighted fragments.
func (q queries) show(ctx context.Context, title string, req *search.Search) (*search.Response, error) {
	res, err := req.Do(ctx)
	if err != nil {
		return nil, fmt.Errorf("search %s (%s): %w", q.index, title, err)
	}
	fmt.Fprintf(q.out, "%s: %d hits\n", title, res.Hits.Total.Value)
	for i, hit := range res.Hits.Hits {
		a, err := articles.Decode(hit.Id_, hit.Source_)
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(q.out, "  %d. %s %s (%s)\n", i+1, a.ID, a.Title, a.Published.Format(time.DateOnly))
		for _, frag := range hit.Highlight["body"] {
			fmt.Fprintf(q.out, "     … %s\n", frag)
		}
	}
	return res, nil
}

func match(field, text string) types.Query {
	return types.Query{Match: map[string]types.MatchQuery{field: {Query: text}}}
}

// fullText: the query text is analyzed like the field, then hits are ranked by
// relevance (BM25: rare terms and short fields weigh more).
func (q queries) fullText(ctx context.Context) error {
	m := match("body", "search results")
	if _, err := q.show(ctx, `match body "search results"`, q.es.Search().Index(q.index).Query(&m)); err != nil {
		return err
	}
	// multi_match searches several fields; ^2 makes a title match count double.
	mm := types.Query{MultiMatch: &types.MultiMatchQuery{Query: "cache", Fields: []string{"title^2", "body"}}}
	if _, err := q.show(ctx, `multi_match "cache" in title^2, body`, q.es.Search().Index(q.index).Query(&mm)); err != nil {
		return err
	}
	// match_phrase wants the terms next to each other, in order.
	mp := types.Query{MatchPhrase: map[string]types.MatchPhraseQuery{"body": {Query: "real-time search"}}}
	_, err := q.show(ctx, `match_phrase body "real-time search"`, q.es.Search().Index(q.index).Query(&mp))
	return err
}

// boolFilter combines a scored clause with filters. Filters only include or exclude:
// they do not change the score and their results are cached, so put every yes/no
// condition (category, date range, status) in filter, not must.
func (q queries) boolFilter(ctx context.Context) error {
	since := "2026-02-01"
	query := types.Query{Bool: &types.BoolQuery{
		Must: []types.Query{match("title", "search")},
		Filter: []types.Query{
			{Term: map[string]types.TermQuery{"category": {Value: "search"}}},
			{Range: map[string]types.RangeQuery{"published": types.DateRangeQuery{Gte: &since}}},
		},
	}}
	newestFirst := types.SortOptions{SortOptions: map[string]types.FieldSort{"published": {Order: &sortorder.Desc}}}
	_, err := q.show(ctx, `bool: title "search", category=search, published >= 2026-02-01, newest first`,
		q.es.Search().Index(q.index).Query(&query).Sort(newestFirst))
	return err
}

// highlight asks for the matching passages of body with the terms marked.
func (q queries) highlight(ctx context.Context) error {
	m := match("body", "analyzer running")
	hl := &types.Highlight{
		PreTags: []string{"<em>"}, PostTags: []string{"</em>"},
		Fields: map[string]types.HighlightField{"body": {}},
	}
	_, err := q.show(ctx, `match body "analyzer running", highlighted`, q.es.Search().Index(q.index).Query(&m).Highlight(hl))
	return err
}

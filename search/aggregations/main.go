// Command aggregations loads eight articles and summarises them in one request:
// articles per category with each category's average rating (a sub-aggregation),
// articles per month, and statistics over views and ratings.
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

	"github.com/elastic/go-elasticsearch/v8/typedapi/core/search"
	"github.com/elastic/go-elasticsearch/v8/typedapi/types"
	"github.com/elastic/go-elasticsearch/v8/typedapi/types/enums/calendarinterval"

	"example.com/cloudgo/search/articles"
	"example.com/cloudgo/search/esconn"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "aggregations:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("aggregations", flag.ContinueOnError)
	var conn esconn.Config
	conn.RegisterFlags(fs)
	index := fs.String("index", "articles", "index to (re)create and load with the sample articles")
	if err := fs.Parse(args); err != nil {
		return err
	}
	es, err := conn.Connect(ctx)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	if err := articles.Recreate(ctx, es, *index); err != nil {
		return err
	}
	if err := articles.Load(ctx, es, *index, articles.Sample()); err != nil {
		return err
	}

	category, rating, views, published := "category", "rating", "views", "published"
	monthFormat := "yyyy-MM"
	res, err := es.Search().Index(*index).
		// size 0: we want only the summaries, not the documents.
		Size(0).
		Aggregations(map[string]types.Aggregations{
			// Aggregations run over keyword, numeric and date fields (doc values),
			// not over analyzed text: hence category is a keyword.
			"by_category": {
				Terms: &types.TermsAggregation{Field: &category},
				// A sub-aggregation runs once per bucket of its parent.
				Aggregations: map[string]types.Aggregations{
					"avg_rating": {Avg: &types.AverageAggregation{Field: &rating}},
				},
			},
			"per_month": {DateHistogram: &types.DateHistogramAggregation{
				Field: &published, CalendarInterval: &calendarinterval.Month, Format: &monthFormat,
			}},
			"views":      {Stats: &types.StatsAggregation{Field: &views}},
			"avg_rating": {Avg: &types.AverageAggregation{Field: &rating}},
		}).
		Do(ctx)
	if err != nil {
		return fmt.Errorf("aggregate %s: %w", *index, err)
	}
	return report(res, out)
}

// report walks the typed response. The typed client asks for typed_keys, so each
// aggregate arrives as its own Go type: a type switch or assertion picks it out.
func report(res *search.Response, out io.Writer) error {
	fmt.Fprintf(out, "%d articles\n", res.Hits.Total.Value)

	terms, ok := res.Aggregations["by_category"].(*types.StringTermsAggregate)
	if !ok {
		return fmt.Errorf("by_category: unexpected %T", res.Aggregations["by_category"])
	}
	fmt.Fprintln(out, "by category (doc_count, then avg rating):")
	for _, b := range terms.Buckets.([]types.StringTermsBucket) {
		avg := b.Aggregations["avg_rating"].(*types.AvgAggregate)
		fmt.Fprintf(out, "  %-10v %d  %.2f\n", b.Key, b.DocCount, value(avg.Value))
	}

	hist, ok := res.Aggregations["per_month"].(*types.DateHistogramAggregate)
	if !ok {
		return fmt.Errorf("per_month: unexpected %T", res.Aggregations["per_month"])
	}
	fmt.Fprintln(out, "per month:")
	for _, b := range hist.Buckets.([]types.DateHistogramBucket) {
		fmt.Fprintf(out, "  %s %d\n", *b.KeyAsString, b.DocCount)
	}

	stats, ok := res.Aggregations["views"].(*types.StatsAggregate)
	if !ok {
		return fmt.Errorf("views: unexpected %T", res.Aggregations["views"])
	}
	fmt.Fprintf(out, "views: count=%d min=%.0f max=%.0f avg=%.2f sum=%.0f\n",
		stats.Count, value(stats.Min), value(stats.Max), value(stats.Avg), float64(stats.Sum))

	avg, ok := res.Aggregations["avg_rating"].(*types.AvgAggregate)
	if !ok {
		return fmt.Errorf("avg_rating: unexpected %T", res.Aggregations["avg_rating"])
	}
	// rating is a float field: values are stored as float32, so 4.1 comes back as
	// 4.099999904632568. Round for display; use scaled_float or integers (cents,
	// tenths) when exact decimals matter.
	fmt.Fprintf(out, "average rating: %.4f\n", value(avg.Value))
	return nil
}

// value reads an optional metric: Elasticsearch sends null for an empty bucket.
func value(v *types.Float64) float64 {
	if v == nil {
		return 0
	}
	return float64(*v)
}

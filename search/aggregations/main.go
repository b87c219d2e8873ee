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

	"github.com/elastic/go-elasticsearch/v8"
	"github.com/elastic/go-elasticsearch/v8/typedapi/core/search"
	"github.com/elastic/go-elasticsearch/v8/typedapi/types"
	"github.com/elastic/go-elasticsearch/v8/typedapi/types/enums/calendarinterval"

	"example.com/cloudgo/search/articles"
	"example.com/cloudgo/search/internal/cli"
	"example.com/cloudgo/search/internal/esconn"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("aggregations", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("aggregations", flag.ContinueOnError)
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
	return conn.Errorf(aggregate(ctx, es, *index, stdout))
}

func aggregate(ctx context.Context, es *elasticsearch.TypedClient, index string, out io.Writer) error {
	if err := articles.Recreate(ctx, es, index); err != nil {
		return err
	}
	if err := articles.Load(ctx, es, index, articles.Sample()); err != nil {
		return err
	}

	category, rating, views, published := "category", "rating", "views", "published"
	res, err := es.Search().Index(index).
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
				Field: &published, CalendarInterval: &calendarinterval.Month,
			}},
			"views":      {Stats: &types.StatsAggregation{Field: &views}},
			"avg_rating": {Avg: &types.AverageAggregation{Field: &rating}},
		}).
		Do(ctx)
	if err != nil {
		return fmt.Errorf("aggregate %s: %w", index, err)
	}
	return report(res, out)
}

// report walks the typed response. The typed client asks for typed_keys, so each
// aggregate arrives as its own Go type: a type assertion picks it out.
func report(res *search.Response, out io.Writer) error {
	fmt.Fprintf(out, "%d articles\n", res.Hits.Total.Value)

	terms, err := esconn.As[*types.StringTermsAggregate](res.Aggregations["by_category"], "by_category")
	if err != nil {
		return err
	}
	buckets, err := esconn.As[[]types.StringTermsBucket](terms.Buckets, "by_category buckets") // a map only if asked for keyed buckets
	if err != nil {
		return err
	}
	fmt.Fprintln(out, "by category (doc_count, then avg rating):")
	for _, b := range buckets {
		avg, err := esconn.As[*types.AvgAggregate](b.Aggregations["avg_rating"], "avg_rating of a category")
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "  %-10v %d  %.2f\n", b.Key, b.DocCount, esconn.Value(avg.Value))
	}

	hist, err := esconn.As[*types.DateHistogramAggregate](res.Aggregations["per_month"], "per_month")
	if err != nil {
		return err
	}
	months, err := esconn.As[[]types.DateHistogramBucket](hist.Buckets, "per_month buckets")
	if err != nil {
		return err
	}
	fmt.Fprintln(out, "per month:")
	for _, b := range months {
		fmt.Fprintf(out, "  %s %d\n", time.UnixMilli(b.Key).UTC().Format("2006-01"), b.DocCount)
	}

	stats, err := esconn.As[*types.StatsAggregate](res.Aggregations["views"], "views")
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "views: count=%d min=%.0f max=%.0f avg=%.2f sum=%.0f\n",
		stats.Count, esconn.Value(stats.Min), esconn.Value(stats.Max), esconn.Value(stats.Avg), float64(stats.Sum))

	avg, err := esconn.As[*types.AvgAggregate](res.Aggregations["avg_rating"], "avg_rating")
	if err != nil {
		return err
	}
	// rating is a float field: values are stored as float32, so 4.1 comes back as
	// 4.099999904632568. Round for display; use scaled_float or integers (cents,
	// tenths) when exact decimals matter.
	fmt.Fprintf(out, "average rating: %.4f\n", esconn.Value(avg.Value))
	return nil
}

// Command facets summarizes the sample articles with Solr's two faceting APIs: the
// classic facet.field parameters, and the JSON Facet API (terms buckets with a stat
// per bucket, a date range per month, stats over all matches).
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/signal"
	"syscall"
	"time"

	"example.com/cloudgo/search/articles"
	"example.com/cloudgo/search/internal/cli"
	"example.com/cloudgo/search/internal/solrconn"
	"example.com/cloudgo/search/solr"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("facets", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("facets", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c solrconn.Client
	c.RegisterFlags(fs)
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if err := c.Check(); err != nil {
		return err
	}
	if err := c.Ping(ctx); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	if err := solr.Load(ctx, &c, solr.Docs(articles.Sample())); err != nil {
		return err
	}
	return facets(ctx, &c, stdout)
}

// summary is the JSON Facet API's answer to request (below).
type summary struct {
	Count      int64 `json:"count"`
	Categories struct {
		Buckets []struct {
			Val       string  `json:"val"`
			Count     int64   `json:"count"`
			AvgRating float64 `json:"avg_rating"`
		} `json:"buckets"`
	} `json:"categories"`
	PerMonth struct {
		Buckets []struct {
			Val   time.Time `json:"val"`
			Count int64     `json:"count"`
		} `json:"buckets"`
	} `json:"per_month"`
	Views     float64 `json:"views"`
	MinViews  float64 `json:"min_views"`
	MaxViews  float64 `json:"max_views"`
	AvgRating float64 `json:"avg_rating"`
}

// request asks the JSON Request API for no documents (limit 0), only facets.
var request = map[string]any{
	"query": "*:*",
	"limit": 0,
	"facet": map[string]any{
		// terms buckets by count (ties by value), with a stat computed per bucket.
		"categories": map[string]any{"type": "terms", "field": "category",
			"facet": map[string]any{"avg_rating": "avg(rating)"}},
		"per_month": map[string]any{"type": "range", "field": "published",
			"start": "2026-01-01T00:00:00Z", "end": "2026-05-01T00:00:00Z", "gap": "+1MONTH"},
		"views":      "sum(views)",
		"min_views":  "min(views)",
		"max_views":  "max(views)",
		"avg_rating": "avg(rating)",
	},
}

func facets(ctx context.Context, c *solrconn.Client, out io.Writer) error {
	// Classic faceting: counts per term of a field, as flat [term, count, …] lists.
	res, err := c.Select(ctx, url.Values{"q": {"*:*"}, "rows": {"0"}, "facet": {"true"},
		"facet.field": {"category", "author"}, "facet.mincount": {"1"}})
	if err != nil {
		return err
	}
	for _, field := range []string{"category", "author"} {
		counts, order := res.FieldFacet(field)
		fmt.Fprintf(out, "facet.field=%s:", field)
		for _, term := range order {
			fmt.Fprintf(out, " %s=%d", term, counts[term])
		}
		fmt.Fprintln(out)
	}

	s, err := jsonFacets(ctx, c)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "JSON Facet API, %d articles\nby category (count, avg rating):\n", s.Count)
	for _, b := range s.Categories.Buckets {
		fmt.Fprintf(out, "  %-10s %d  %.2f\n", b.Val, b.Count, b.AvgRating)
	}
	fmt.Fprintln(out, "per month:")
	for _, b := range s.PerMonth.Buckets {
		fmt.Fprintf(out, "  %s %d\n", b.Val.Format("2006-01"), b.Count)
	}
	fmt.Fprintf(out, "views: min=%.0f max=%.0f sum=%.0f\naverage rating: %.4f\n", s.MinViews, s.MaxViews, s.Views, s.AvgRating)
	return nil
}

func jsonFacets(ctx context.Context, c *solrconn.Client) (summary, error) {
	var s summary
	res, err := c.Query(ctx, request)
	if err != nil {
		return s, err
	}
	if err := json.Unmarshal(res.Facets, &s); err != nil {
		return s, fmt.Errorf("solr at %s: decode facets: %w", c.Addr(), err)
	}
	return s, nil
}

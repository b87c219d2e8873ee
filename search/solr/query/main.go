// Command query loads the sample articles into Solr and searches them: the standard
// (Lucene) query parser, edismax over several fields, filter queries, sorting, fl
// with the score, highlighting, and the error for a field the schema lacks.
package main

import (
	"context"
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
	cli.Exit("query", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("query", flag.ContinueOnError)
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
	return query(ctx, &c, stdout)
}

// searches are the questions asked, as request parameters.
var searches = []struct {
	what   string
	params url.Values
}{
	// The standard parser: field:term, boolean operators (OR by default), phrases.
	{"q=body:(search results)", url.Values{"q": {"body:(search results)"}}},
	{`q=body:"real-time search"`, url.Values{"q": {`body:"real-time search"`}}},
	// edismax: plain user text searched over several fields with boosts (qf);
	// tolerant of syntax errors, so the choice for a search box.
	{"edismax q=cache qf=title^2 body", url.Values{"defType": {"edismax"}, "q": {"cache"}, "qf": {"title^2 body"}}},
	// fq: yes/no conditions that do not score; each is cached on its own (the
	// filterCache) and reused by later queries with the same fq.
	{"q=title:search fq=category:search fq=published:[2026-02-01T00:00:00Z TO *] sort=published desc", url.Values{
		"q": {"title:search"}, "fq": {"category:search", "published:[2026-02-01T00:00:00Z TO *]"}, "sort": {"published desc"}}},
}

func query(ctx context.Context, c *solrconn.Client, out io.Writer) error {
	if err := solr.Load(ctx, c, solr.Docs(articles.Sample())); err != nil {
		return err
	}
	for _, s := range searches {
		s.params.Set("fl", "id,title,published,score")
		res, err := c.Select(ctx, s.params)
		if err != nil {
			return err
		}
		if err := print(out, s.what, res); err != nil {
			return err
		}
	}

	// Highlighting: the matching passages of body, the query's terms marked.
	res, err := c.Select(ctx, url.Values{"q": {"body:(analyzer running)"}, "fl": {"id,title,published"},
		"hl": {"true"}, "hl.fl": {"body"}, "hl.snippets": {"3"}})
	if err != nil {
		return err
	}
	if err := print(out, "q=body:(analyzer running) hl=true hl.fl=body", res); err != nil {
		return err
	}

	// A field the schema does not have is an error, not an empty result.
	_, err = c.Select(ctx, url.Values{"q": {"nosuch:value"}})
	if solrconn.Code(err) != 400 {
		return fmt.Errorf("query an undefined field: %v, want 400", err)
	}
	fmt.Fprintf(out, "q=nosuch:value: %v\n", err)
	return nil
}

func print(out io.Writer, what string, res *solrconn.Response) error {
	docs, err := solrconn.Docs[solr.Doc](res)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "%s: %d hits\n", what, res.Response.NumFound)
	for i, d := range docs {
		score := ""
		if d.Score > 0 { // asked for with fl=…,score; BM25, so it varies with the index statistics
			score = fmt.Sprintf(" score=%.3f", d.Score)
		}
		fmt.Fprintf(out, "  %d. %s %s (%s)%s\n", i+1, d.ID, d.Title, d.Published.Format(time.DateOnly), score)
		for _, frag := range res.Highlighting[d.ID]["body"] {
			fmt.Fprintf(out, "     … %s\n", frag)
		}
	}
	return nil
}

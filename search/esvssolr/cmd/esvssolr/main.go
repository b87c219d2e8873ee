// Command esvssolr loads the same articles into Elasticsearch and Solr, asks both the
// same five questions, prints the answers side by side, and exits 1 if they differ.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"example.com/cloudgo/search/articles"
	"example.com/cloudgo/search/esvssolr"
	"example.com/cloudgo/search/internal/cli"
	"example.com/cloudgo/search/internal/esconn"
	"example.com/cloudgo/search/internal/solrconn"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("esvssolr", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("esvssolr", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var es esconn.Config
	es.RegisterFlags(fs) // -url, -user, -ca-cert, -ca-fingerprint: Elasticsearch
	index := fs.String("index", "articles-vs-solr", "Elasticsearch index to (re)create with the articles")
	var sc solrconn.Client
	sc.RegisterFlagsNamed(fs, "solr-url", "solr-core")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if err := es.Check(); err != nil {
		return err
	}
	if err := esconn.CheckIndex("index", *index); err != nil {
		return err
	}
	if err := sc.Check(); err != nil {
		return err
	}
	client, err := es.Connect(ctx)
	if err != nil {
		return err
	}
	if err := sc.Ping(ctx); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()

	docs := articles.Sample()
	fromES, err := esvssolr.AskElasticsearch(ctx, client, *index, docs)
	if err != nil {
		return es.Errorf(err)
	}
	fromSolr, err := esvssolr.AskSolr(ctx, &sc, docs)
	if err != nil {
		return err
	}
	esvssolr.Print(stdout, fromES, fromSolr)
	if d := esvssolr.Disagreements(fromES, fromSolr); len(d) > 0 {
		return fmt.Errorf("elasticsearch at %s and solr at %s disagree on: %s", es.Addr(), sc.Addr(), strings.Join(d, ", "))
	}
	fmt.Fprintln(stdout, "the two engines agree on all five answers")
	return nil
}

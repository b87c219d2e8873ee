// Command indexdesign creates an index with explicit mappings and settings, shows
// what the server stored and how the analyzer sees text, and deletes the index again.
//
// It is also the one place that uses the low-level esapi client, to contrast it with
// the typed client used everywhere else.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"os/signal"
	"slices"
	"syscall"
	"time"

	"github.com/elastic/go-elasticsearch/v8"

	"example.com/cloudgo/search/articles"
	"example.com/cloudgo/search/internal/cli"
	"example.com/cloudgo/search/internal/esconn"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("indexdesign", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("indexdesign", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var conn esconn.Config
	conn.RegisterFlags(fs)
	index := fs.String("index", "articles-design", "index to create and delete")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if err := conn.Check(); err != nil {
		return err
	}
	if err := esconn.CheckIndex("index", *index); err != nil {
		return err
	}
	low, es, err := conn.Clients()
	if err != nil {
		return err
	}
	if err := conn.Ping(ctx, es); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	return conn.Errorf(design(ctx, low, es, *index, stdout))
}

func design(ctx context.Context, low *elasticsearch.Client, es *elasticsearch.TypedClient, index string, out io.Writer) error {
	exists := func() error {
		ok, err := es.Indices.Exists(index).IsSuccess(ctx)
		if err != nil {
			return fmt.Errorf("does index %s exist: %w", index, err)
		}
		fmt.Fprintf(out, "index %s exists: %t\n", index, ok)
		return nil
	}
	if err := exists(); err != nil {
		return err
	}
	created, err := es.Indices.Create(index).Request(articles.IndexRequest()).Do(ctx)
	if err != nil {
		return fmt.Errorf("create index %s: %w", index, err)
	}
	fmt.Fprintf(out, "created index %s (acknowledged=%t)\n", created.Index, created.Acknowledged)
	if err := exists(); err != nil {
		return err
	}

	// Creating it twice is an error, not a silent no-op: the mappings might differ.
	_, err = es.Indices.Create(index).Request(articles.IndexRequest()).Do(ctx)
	if err := esconn.Want(400, err, "create index "+index+" again"); err != nil {
		return err
	}
	fmt.Fprintf(out, "create again: %d %s\n", esconn.Status(err), esconn.ErrorType(err))

	if err := printMapping(ctx, low, index, out); err != nil {
		return err
	}

	// _analyze shows the terms a field's analyzer produces: the same ones are
	// produced from the query text, which is why "searches" finds "searching".
	text := "Running searches on the indexed articles"
	analyzed, err := es.Indices.Analyze().Index(index).Field("title").Text(text).Do(ctx)
	if err != nil {
		return fmt.Errorf("analyze in %s: %w", index, err)
	}
	var terms []string
	for _, tok := range analyzed.Tokens {
		terms = append(terms, tok.Token)
	}
	fmt.Fprintf(out, "title analyzer: %q -> %v\n", text, terms)

	// dynamic: strict rejects a field the mapping does not know.
	_, err = es.Index(index).Id("typo").Document(map[string]string{"titel": "oops"}).Do(ctx)
	if err := esconn.Want(400, err, "index a document with an unknown field into "+index); err != nil {
		return err
	}
	fmt.Fprintf(out, "document with unknown field \"titel\": %d %s\n", esconn.Status(err), esconn.ErrorType(err))

	deleted, err := es.Indices.Delete(index).Do(ctx)
	if err != nil {
		return fmt.Errorf("delete index %s: %w", index, err)
	}
	fmt.Fprintf(out, "deleted index %s (acknowledged=%t)\n", index, deleted.Acknowledged)
	return exists()
}

// printMapping reads the mapping back with the low-level esapi client: one function
// per REST endpoint, options as functional arguments, and the HTTP response left to
// you — close the body, check IsError, decode the JSON.
func printMapping(ctx context.Context, low *elasticsearch.Client, index string, out io.Writer) error {
	res, err := low.Indices.GetMapping(low.Indices.GetMapping.WithContext(ctx), low.Indices.GetMapping.WithIndex(index))
	if err != nil {
		return fmt.Errorf("get mapping of %s: %w", index, err)
	}
	defer res.Body.Close()
	if res.IsError() {
		return fmt.Errorf("get mapping of %s: %s", index, res.String())
	}
	var body map[string]struct {
		Mappings struct {
			Dynamic    string                         `json:"dynamic"`
			Properties map[string]esconn.MappingField `json:"properties"`
		} `json:"mappings"`
	}
	if err := json.NewDecoder(res.Body).Decode(&body); err != nil {
		return fmt.Errorf("decode mapping of %s: %w", index, err)
	}
	m := body[index].Mappings
	fmt.Fprintf(out, "mapping (esapi GET /%s/_mapping), dynamic=%s:\n", index, m.Dynamic)
	for _, name := range slices.Sorted(maps.Keys(m.Properties)) {
		fmt.Fprintln(out, "  "+m.Properties[name].Describe(name))
	}
	return nil
}

// Command schema shows a Solr core's schema: what schemaless mode guesses for a new
// field (and how the guess breaks the next document), then the articles' fields
// added with the Schema API, and a typo refused once guessing is off.
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
	"slices"
	"strings"
	"syscall"
	"time"

	"example.com/cloudgo/search/internal/cli"
	"example.com/cloudgo/search/internal/solrconn"
	"example.com/cloudgo/search/solr"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("schema", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("schema", flag.ContinueOnError)
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
	return schema(ctx, &c, stdout)
}

// guessed is the field schemaless mode creates; the program removes it again.
const guessed = "stars"

func schema(ctx context.Context, c *solrconn.Client, out io.Writer) error {
	commit := url.Values{"commit": {"true"}}
	// A known start: no documents, schemaless mode on (the _default configset's
	// update.autoCreateFields), no field left over from an interrupted run.
	if err := c.DeleteAll(ctx); err != nil {
		return err
	}
	if err := c.SetUserProperty(ctx, "update.autoCreateFields", "true"); err != nil {
		return err
	}
	if _, err := c.SchemaField(ctx, guessed); err == nil {
		if err := c.Schema(ctx, map[string][]any{"delete-field": {map[string]string{"name": guessed}}}); err != nil {
			return err
		}
	}

	// Schemaless: the first value decides the type, for good.
	if _, err := c.Update(ctx, []map[string]any{{"id": "guess-1", guessed: 4}}, commit); err != nil {
		return err
	}
	f, err := c.SchemaField(ctx, guessed)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "schemaless: {%q: 4} created field %s of type %s\n", guessed, f.Name, f.Type)
	// The next document's 4.5 goes into that long field: Solr converts it.
	_, err = c.Update(ctx, []map[string]any{{"id": "guess-2", guessed: 4.5}}, commit)
	if solrconn.Code(err) == 400 {
		fmt.Fprintf(out, "then {%q: 4.5}: refused: %v\n", guessed, solrconn.Cause(err))
	} else if err != nil {
		return err
	} else {
		var doc map[string]json.RawMessage
		if _, err := c.Get(ctx, "guess-2", &doc); err != nil {
			return err
		}
		fmt.Fprintf(out, "then {%q: 4.5}: accepted, stored as %s\n", guessed, doc[guessed])
	}
	if err := c.DeleteAll(ctx); err != nil {
		return err
	}
	if err := c.Schema(ctx, map[string][]any{"delete-field": {map[string]string{"name": guessed}}}); err != nil {
		return err
	}

	// Explicit fields with the Schema API, then guessing off: production settings.
	if _, err := solr.Setup(ctx, c); err != nil {
		return err
	}
	if err := c.SetUserProperty(ctx, "update.autoCreateFields", "false"); err != nil {
		return err
	}
	fields, err := c.Fields(ctx)
	if err != nil {
		return err
	}
	slices.SortFunc(fields, func(a, b solrconn.Field) int { return strings.Compare(a.Name, b.Name) })
	fmt.Fprintln(out, "the articles' fields, added with the Schema API:")
	for _, f := range fields {
		if slices.ContainsFunc(solr.Fields(), func(w solrconn.Field) bool { return w.Name == f.Name }) {
			fmt.Fprintf(out, "  %-10s %s%s\n", f.Name, f.Type, map[bool]string{true: " multiValued"}[f.MultiValued != nil && *f.MultiValued])
		}
	}
	_, err = c.Update(ctx, []map[string]any{{"id": "typo", "titel": "Typo"}}, commit)
	if solrconn.Code(err) != 400 {
		return fmt.Errorf("add a document with field \"titel\" with update.autoCreateFields=false: %v, want 400", err)
	}
	fmt.Fprintf(out, "with update.autoCreateFields=false, {\"titel\": …}: %v\n", solrconn.Cause(err))
	return nil
}

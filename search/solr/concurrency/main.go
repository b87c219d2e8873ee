// Command concurrency shows Solr's optimistic concurrency: an update that sends the
// _version_ it read is refused with 409 if the document changed since; the writer
// reads again and retries instead of undoing the other change.
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

	"example.com/cloudgo/search/internal/cli"
	"example.com/cloudgo/search/internal/solrconn"
	"example.com/cloudgo/search/solr"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("concurrency", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("concurrency", flag.ContinueOnError)
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
	return concurrency(ctx, &c, stdout)
}

func concurrency(ctx context.Context, c *solrconn.Client, out io.Writer) error {
	if err := c.DeleteAll(ctx); err != nil {
		return err
	}
	if _, err := solr.Setup(ctx, c); err != nil {
		return err
	}
	// versions=true: Solr answers with the version it gave each document.
	versions := url.Values{"versions": {"true"}}
	res, err := c.Update(ctx, []solr.Doc{{ID: "doc-1", Title: "Draft", Body: "Draft body."}}, versions)
	if err != nil {
		return err
	}
	read := res.Versions()["doc-1"]
	var alice, bob solr.Doc // both read doc-1 (realtime get: the latest version)
	if _, err := c.Get(ctx, "doc-1", &alice); err != nil {
		return err
	}
	if _, err := c.Get(ctx, "doc-1", &bob); err != nil {
		return err
	}
	fmt.Fprintf(out, "alice and bob read doc-1 at the same _version_: %t (the add returned it too: %t)\n",
		alice.Version == bob.Version, alice.Version == read)

	// An atomic update with _version_: applied only if the document still has it.
	set := func(d solr.Doc, field, value string) error {
		upd := map[string]any{"id": d.ID, "_version_": d.Version, field: map[string]string{"set": value}}
		_, err := c.Update(ctx, []any{upd}, versions)
		return err
	}
	if err := set(alice, "title", "Alice's title"); err != nil {
		return err
	}
	fmt.Fprintln(out, "alice sets the title with her _version_: ok")
	err = set(bob, "body", "Bob's body.")
	if solrconn.Code(err) != 409 {
		return fmt.Errorf("bob's update with a stale _version_: %v, want 409", err)
	}
	fmt.Fprintln(out, "bob sets the body with the same, now stale _version_: 409 version conflict")
	// Handling the 409: read the current version, reapply the change, retry.
	if _, err := c.Get(ctx, "doc-1", &bob); err != nil {
		return err
	}
	if err := set(bob, "body", "Bob's body."); err != nil {
		return err
	}
	fmt.Fprintln(out, "bob reads again and retries: ok")
	var final solr.Doc
	if _, err := c.Get(ctx, "doc-1", &final); err != nil {
		return err
	}
	fmt.Fprintf(out, "doc-1: title=%q body=%q\n", final.Title, final.Body)
	if final.Title != "Alice's title" || final.Body != "Bob's body." {
		return fmt.Errorf("solr at %s: doc-1 lost a change: title=%q body=%q", c.Addr(), final.Title, final.Body)
	}
	// _version_ -1 means "must not exist": a create that never overwrites.
	err = set(solr.Doc{ID: "doc-1", Version: -1}, "title", "Carol's")
	fmt.Fprintf(out, "create doc-1 with _version_=-1 (must not exist): %d\n", solrconn.Code(err))
	if solrconn.Code(err) != 409 {
		return fmt.Errorf("create of an existing doc-1 with _version_=-1: %v, want 409", err)
	}
	return c.Commit(ctx, false)
}

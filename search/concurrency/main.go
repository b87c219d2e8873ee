// Command concurrency shows optimistic concurrency control: two writers read the same
// document, and the second write, conditional on the seq_no and primary_term it read,
// is refused with 409 instead of silently undoing the first. The answer to a 409 is
// to read again, reapply the change, and write again.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
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
	cli.Exit("concurrency", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("concurrency", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var conn esconn.Config
	conn.RegisterFlags(fs)
	index := fs.String("index", "articles-concurrency", "index to (re)create and delete again")
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
	d := doc{es: es, index: *index, id: "doc-1"}
	return conn.Errorf(d.story(ctx, stdout))
}

// doc is one document that two writers change.
type doc struct {
	es        *elasticsearch.TypedClient
	index, id string
}

// version is what a writer read: the document and the position of that write.
type version struct {
	articles.Article
	seqNo, primaryTerm int64
}

func (d doc) read(ctx context.Context) (version, error) {
	got, err := d.es.Get(d.index, d.id).Do(ctx)
	if err != nil {
		return version{}, fmt.Errorf("get %s from %s: %w", d.id, d.index, err)
	}
	if !got.Found {
		return version{}, fmt.Errorf("get %s from %s: not found", d.id, d.index)
	}
	a, err := articles.Decode(&got.Id_, got.Source_)
	return version{a, *got.SeqNo_, *got.PrimaryTerm_}, err
}

// write replaces the document if nobody wrote it since v was read, and returns the
// new seq_no.
func (d doc) write(ctx context.Context, v version) (int64, error) {
	res, err := d.es.Index(d.index).Id(d.id).Document(v.Article).
		IfSeqNo(strconv.FormatInt(v.seqNo, 10)).IfPrimaryTerm(strconv.FormatInt(v.primaryTerm, 10)).Do(ctx)
	if err != nil {
		return 0, err
	}
	return *res.SeqNo_, nil
}

func (d doc) story(ctx context.Context, out io.Writer) error {
	if err := articles.Recreate(ctx, d.es, d.index); err != nil {
		return err
	}
	first := articles.Article{Title: "Test document", Body: "This is the content of the test document."}
	if _, err := d.es.Index(d.index).Id(d.id).Document(first).Do(ctx); err != nil {
		return fmt.Errorf("index %s into %s: %w", d.id, d.index, err)
	}
	// Two writers read the same version ...
	alice, err := d.read(ctx)
	if err != nil {
		return err
	}
	bob, err := d.read(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "alice and bob read %s at seq_no=%d primary_term=%d\n", d.id, alice.seqNo, alice.primaryTerm)
	alice.Title = "Alice's title"
	seqNo, err := d.write(ctx, alice)
	if err != nil {
		return fmt.Errorf("alice writes %s: %w", d.id, err)
	}
	fmt.Fprintf(out, "alice writes the title: ok, now seq_no=%d\n", seqNo)
	// ... and bob's write would silently undo alice's title: the condition stops it.
	bob.Body = "Bob's body."
	_, err = d.write(ctx, bob)
	if err := esconn.Want(409, err, "bob's write with a stale seq_no"); err != nil {
		return err
	}
	fmt.Fprintf(out, "bob writes the body with seq_no=%d: %d %s\n", bob.seqNo, esconn.Status(err), esconn.ErrorType(err))
	// The fix for a conflict: read again, reapply the change, write again.
	if bob, err = d.read(ctx); err != nil {
		return err
	}
	bob.Body = "Bob's body."
	if seqNo, err = d.write(ctx, bob); err != nil {
		return fmt.Errorf("bob writes %s again: %w", d.id, err)
	}
	fmt.Fprintf(out, "bob re-reads at seq_no=%d and writes again: ok, now seq_no=%d\n", bob.seqNo, seqNo)
	final, err := d.read(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "%s: title=%q body=%q\n", d.id, final.Title, final.Body)
	if final.Title != "Alice's title" || final.Body != "Bob's body." {
		return fmt.Errorf("%s in %s lost a write: title=%q body=%q", d.id, d.index, final.Title, final.Body)
	}
	if _, err := d.es.Indices.Delete(d.index).Do(ctx); err != nil {
		return fmt.Errorf("delete index %s: %w", d.index, err)
	}
	return nil
}

package main

import (
	"context"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/mongotest"
	"example.com/cloudgo/nosql/internal/cli"
	"example.com/cloudgo/nosql/internal/mongoconn/rstest"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

func TestRun(t *testing.T) {
	uri := rstest.URI(t, "change streams")
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	want := `watching tickets for inserts, updates and deletes
  insert t1: "printer on fire" (open)
  insert t2: "coffee machine empty" (open)
the consumer stops after 2 events, keeping the resume token
while it is away, t2 is deleted
resumed after the token:
  update t1: set {"status":"closed"}; the document now: "printer on fire" (closed)
  delete t2
`
	// Twice in one database: the second run's stream must not see the first's
	// events (a stream starts at the time it opens).
	db := kit.Name(t, "db", "_", 40)
	for range 2 {
		var out strings.Builder
		if err := run(ctx, []string{"-uri", uri, "-db", db}, &out, io.Discard); err != nil {
			t.Fatal(err)
		}
		if got := out.String(); got != want {
			t.Errorf("output differs\n got:\n%s\nwant:\n%s", got, want)
		}
	}
}

func TestStandalone(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	uri := mongotest.URL(t)
	if _, ok := kit.Endpoint("CLOUDGO_TEST_MONGODB_URL"); ok {
		t.Skip("CLOUDGO_TEST_MONGODB_URL may be a replica set; this test needs the kit's standalone server")
	}
	err := run(ctx, []string{"-uri", uri, "-db", kit.Name(t, "db", "_", 40)}, io.Discard, io.Discard)
	if cli.Code(err) != 1 || !strings.Contains(err.Error(), "change streams need a replica set, and mongodb at ") {
		t.Errorf("got %v, want the standalone hint", err)
	}
}

func TestUnreachable(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	err := run(ctx, []string{"-uri", "mongodb://127.0.0.1:1", "-timeout", "1s"}, io.Discard, io.Discard)
	if cli.Code(err) != 1 || !strings.Contains(err.Error(), "mongodb at 127.0.0.1:1 is unreachable (start it with `make up`)") {
		t.Fatalf("want one line naming the address, exit status 1; got %v", err)
	}
}

func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{{"-timeout", "0s"}, {"-db", "a/b"}, {"-x"}} {
		if err := run(context.Background(), args, io.Discard, io.Discard); cli.Code(err) != 2 {
			t.Errorf("%q: got %v, want exit status 2", args, err)
		}
	}
}

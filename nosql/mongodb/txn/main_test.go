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
	uri := rstest.URI(t, "transactions")
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	var out strings.Builder
	if err := run(ctx, []string{"-uri", uri, "-db", kit.Name(t, "db", "_", 40), "-n", "20"}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	// alice has 70 after the first transfer: 7 of 20 concurrent transfers of 10
	// fit, whatever the order; the total never changes.
	want := `alice 100, bob 50
alice → bob 30: committed; alice 70, bob 80, total 150, 1 transfers recorded
alice → bob 500: aborted (insufficient funds); alice 70, bob 80, total 150, 1 transfers recorded
alice → carol 10: aborted (no such account: carol); alice 70, bob 80, total 150, 1 transfers recorded
20 concurrent transfers of 10 from alice: 7 committed, 13 refused; alice 0, bob 150, total 150, 8 transfers recorded
`
	if got := out.String(); got != want {
		t.Errorf("output differs\n got:\n%s\nwant:\n%s", got, want)
	}
}

// TestStandalone: a standalone server is refused with what to do, before any write.
func TestStandalone(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	uri := mongotest.URL(t)
	if _, ok := kit.Endpoint("CLOUDGO_TEST_MONGODB_URL"); ok {
		t.Skip("CLOUDGO_TEST_MONGODB_URL may be a replica set; this test needs the kit's standalone server")
	}
	err := run(ctx, []string{"-uri", uri, "-db", kit.Name(t, "db", "_", 40)}, io.Discard, io.Discard)
	if cli.Code(err) != 1 || !strings.Contains(err.Error(), "transactions need a replica set, and mongodb at ") ||
		!strings.Contains(err.Error(), "is a standalone server: start mongod with --replSet rs0") {
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
	for _, args := range [][]string{{"-n", "0"}, {"-n", "201"}, {"-timeout", "0s"}, {"-db", "config"}} {
		if err := run(context.Background(), args, io.Discard, io.Discard); cli.Code(err) != 2 {
			t.Errorf("%q: got %v, want exit status 2", args, err)
		}
	}
}

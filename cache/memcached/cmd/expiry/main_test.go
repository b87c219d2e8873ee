package main

import (
	"context"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/cache/internal/cli"
	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/memcachedtest"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

// TestRun: the item is there right away and gone after its expiration; how long
// that takes is memcached's business (one to two seconds), not a fixed sleep.
func TestRun(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var out strings.Builder
	addr := memcachedtest.Addr(t) // before the clock starts: a container may take a while to start
	start := time.Now()
	err := run(ctx, []string{"-addr", addr, "-key", kit.Name(t, "", "-", 60)}, &out, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	want := `right away: "token"
after its 1s expiration: "" (expired)
`
	if got := out.String(); got != want {
		t.Errorf("output differs\n got:\n%s\nwant:\n%s", got, want)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %v: an item with expiration 1 lives at most about 2 s", d)
	}
}

func TestUnreachable(t *testing.T) {
	err := run(context.Background(), []string{"-addr", "127.0.0.1:1"}, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "127.0.0.1:1 is unreachable (start it with `make up`)") || cli.Code(err) != 1 {
		t.Fatalf("want a one-line hint naming the address (exit 1), got %v", err)
	}
}

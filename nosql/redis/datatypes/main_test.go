package main

import (
	"context"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/redistest"
	"example.com/cloudgo/nosql/internal/cli"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

func TestRun(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	prefix := redistest.Prefix(t)
	var out strings.Builder
	if err := run(ctx, []string{"-addr", redistest.URL(t), "-prefix", prefix}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	want := strings.ReplaceAll(`string visits after INCR: 42
hash user:1: {Name:Ada Email:ada@example.com Logins:3}
hget user:1 email: ada@example.com
INCR on a hash: WRONGTYPE Operation against a key holding the wrong kind of value
set tags:redis has 3 members (ada added twice); in both: [ada grace]; linus in tags:go: true
`, "PREFIX", prefix)
	if got := out.String(); got != want {
		t.Errorf("output differs\n got:\n%s\nwant:\n%s", got, want)
	}
}

func TestUnreachable(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := run(ctx, []string{"-addr", "127.0.0.1:1", "-prefix", "x:"}, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "redis at 127.0.0.1:1 is unreachable (start it with `make up`)") {
		t.Fatalf("want a one-line hint naming the address, got %v", err)
	}
	if err := run(ctx, []string{"-addr", "redis://host:notaport/x", "-prefix", "x:"}, io.Discard, io.Discard); cli.Code(err) != 2 || !strings.Contains(err.Error(), "parse Redis URL") {
		t.Errorf("a malformed URL: got %v, want a parse error", err)
	}
}

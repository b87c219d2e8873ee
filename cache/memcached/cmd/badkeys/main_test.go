package main

import (
	"context"
	"io"
	"os"
	"strings"
	"testing"

	"example.com/cloudgo/cache/internal/cli"
	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/memcachedtest"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

func TestRun(t *testing.T) {
	var out strings.Builder
	if err := run(context.Background(), []string{"-addr", memcachedtest.Addr(t)}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	want := `set "has space" (9 bytes): key has a space or control character at byte 3: malformed: key is too long or contains invalid characters
set "tab\there" (8 bytes): key has a space or control character at byte 3: malformed: key is too long or contains invalid characters
set "kkkkkkkkkkkk" (251 bytes): key is 251 bytes, memcached allows 250: malformed: key is too long or contains invalid characters
set "cloudgo:fine" (12 bytes): stored
`
	if got := out.String(); got != want {
		t.Errorf("output differs\n got:\n%s\nwant:\n%s", got, want)
	}
}

func TestUnreachable(t *testing.T) {
	err := run(context.Background(), []string{"-addr", "127.0.0.1:1"}, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "127.0.0.1:1 is unreachable (start it with `make up`)") || cli.Code(err) != 1 {
		t.Fatalf("want a one-line hint naming the address (exit 1), got %v", err)
	}
}

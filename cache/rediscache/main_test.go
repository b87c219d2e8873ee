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
	"example.com/cloudgo/internal/redistest"
	tcexec "github.com/testcontainers/testcontainers-go/exec"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

func runArgs(ctx context.Context, args ...string) (string, error) {
	var out, errOut strings.Builder
	err := run(ctx, args, &out, &errOut)
	return out.String(), err
}

func TestRun(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	got, err := runArgs(ctx, "-addr", redistest.URL(t), "-prefix", redistest.Prefix(t))
	if err != nil {
		t.Fatal(err)
	}
	want := `get greeting: "hello" (ttl ≤ 1s: true)
get missing: miss=true
setnx worker-1: true, worker-2: false, holder: worker-1
get greeting after its TTL: miss=true
motd: Grüße aus Go — 你好 🚀 (30 bytes, no TTL: true)
`
	if got != want {
		t.Errorf("output differs\n got:\n%s\nwant:\n%s", got, want)
	}
}

// TestRedisCLIReadsWhatGoWrote: the value the example writes is read back by
// redis-cli inside the server's container, byte for byte. Another client, another
// language: Redis strings are plain bytes.
func TestRedisCLIReadsWhatGoWrote(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	c := redistest.Own(t)
	url, err := c.ConnectionString(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// -ttl 1s: at 10ms the greeting expired before the program read it back, under load.
	if _, err := runArgs(ctx, "-addr", url, "-prefix", "cloudgo:", "-ttl", "1s"); err != nil {
		t.Fatal(err)
	}
	code, r, err := c.Exec(ctx, []string{"redis-cli", "--raw", "GET", "cloudgo:motd"}, tcexec.Multiplexed())
	if err != nil || code != 0 {
		t.Fatalf("redis-cli GET: exit %d, %v", code, err)
	}
	got, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	if want := []byte(motd + "\n"); string(got) != string(want) {
		t.Errorf("redis-cli printed % x\nwant             % x", got, want)
	}
}

func TestUnreachable(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err := runArgs(ctx, "-addr", "127.0.0.1:1")
	if err == nil || !strings.Contains(err.Error(), "redis at 127.0.0.1:1 is unreachable (start it with `make up`)") || cli.Code(err) != 1 {
		t.Fatalf("want a one-line hint naming the address (exit 1), got %v", err)
	}
	if _, err := runArgs(ctx, "-addr", "redis://host:notaport/x"); cli.Code(err) != 2 {
		t.Errorf("a malformed URL must be a usage error (exit 2), got %v", err)
	}
}

package main

import (
	"context"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/cache/internal/testenv"
	tcexec "github.com/testcontainers/testcontainers-go/exec"
)

func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }

func TestRun(t *testing.T) {
	if testing.Short() {
		t.Skip("needs Redis (a container); run without -short")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var out strings.Builder
	if err := run(ctx, testenv.Redis(t), "test:"+t.Name()+":", &out); err != nil {
		t.Fatal(err)
	}
	want := `get greeting: "hello" (ttl ≤ 1s: true)
get missing: miss=true
setnx worker-1: true, worker-2: false, holder: worker-1
get greeting after 1.2s: miss=true
motd: Grüße aus Go — 你好 🚀 (30 bytes, no TTL: true)
`
	if got := out.String(); got != want {
		t.Errorf("output differs\n got:\n%s\nwant:\n%s", got, want)
	}
}

// TestRedisCLIReadsWhatGoWrote: the value the example writes is read back by
// redis-cli inside the server's container, byte for byte. Another client, another
// language: Redis strings are plain bytes.
func TestRedisCLIReadsWhatGoWrote(t *testing.T) {
	if testing.Short() {
		t.Skip("needs Redis (a container); run without -short")
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	c := testenv.OwnRedis(t)
	url, err := c.ConnectionString(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := run(ctx, url, "cloudgo:", io.Discard); err != nil {
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
	if want := []byte(Motd + "\n"); string(got) != string(want) {
		t.Errorf("redis-cli printed % x\nwant             % x", got, want)
	}
}

func TestUnreachable(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := run(ctx, "127.0.0.1:1", "x:", io.Discard)
	if err == nil || !strings.Contains(err.Error(), "redis at 127.0.0.1:1 is unreachable (start it with `make up`)") {
		t.Fatalf("want a one-line hint naming the address, got %v", err)
	}
	if _, err := NewClient("redis://host:notaport/x"); err == nil {
		t.Error("a malformed URL must be refused")
	}
}

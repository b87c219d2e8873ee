package main

import (
	"context"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/testcontainers/testcontainers-go"

	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/redistest"
	"example.com/cloudgo/nosql/internal/redisconn"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

// TestAOFSurvivesRestart: on a server with appendonly yes and RDB snapshots off
// (save ""), a key written by the program is there after the container is
// stopped and started again: the AOF alone brought it back.
func TestAOFSurvivesRestart(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	c := redistest.Own(t, testcontainers.WithCmdArgs("--appendonly", "yes", "--save", ""))
	url, err := c.ConnectionString(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	if err := run(ctx, []string{"-addr", url, "-prefix", "cloudgo:"}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	want := `appendonly yes, appendfsync everysec, save ""
SET cloudgo:persisted: logged to the AOF, replayed on restart
BGSAVE: status ok, changes since: 0
`
	if got := out.String(); got != want {
		t.Errorf("output differs\n got:\n%s\nwant:\n%s", got, want)
	}
	// Written after the snapshot: only the AOF can bring these back.
	rdb, err := redisconn.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	rdb.Set(ctx, "cloudgo:after-snapshot", "aof", 0)
	rdb.Del(ctx, "cloudgo:never")
	rdb.Close()

	stop := 10 * time.Second
	if err := c.Stop(ctx, &stop); err != nil {
		t.Fatal(err)
	}
	if err := c.Start(ctx); err != nil {
		t.Fatal(err)
	}
	rdb, err = redisconn.Connect(ctx, url)
	for i := 0; err != nil && i < 50; i++ { // loading the AOF takes a moment
		time.Sleep(100 * time.Millisecond)
		rdb, err = redisconn.Connect(ctx, url)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer rdb.Close()
	for key, want := range map[string]string{"cloudgo:persisted": "survives a restart", "cloudgo:after-snapshot": "aof"} {
		if got, err := rdb.Get(ctx, key).Result(); err != nil || got != want {
			t.Errorf("after restart %s = %q, %v; want %q", key, got, err, want)
		}
	}
}

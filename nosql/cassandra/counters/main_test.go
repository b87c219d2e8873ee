package main

import (
	"context"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/internal/cassandratest"
	"example.com/cloudgo/internal/kit"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

func TestRun(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var out strings.Builder
	if err := run(ctx, []string{"-hosts", cassandratest.Addr(t), "-keyspace", cassandratest.Keyspace(t)}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	want := `/home: 8 × 25 views - 10 = 190
INSERT into a counter table: INSERT statements are not allowed on counter tables, use UPDATE instead
SET views = 5: Cannot set the value of counter column views (counters can only be incremented/decremented, not set)
`
	if got := out.String(); got != want {
		t.Errorf("output differs\n got:\n%s\nwant:\n%s", got, want)
	}
}

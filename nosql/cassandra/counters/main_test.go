package main

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/nosql/internal/testenv"
)

func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }

func TestRun(t *testing.T) {
	if testing.Short() {
		t.Skip("needs Cassandra (a container); run without -short")
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var out strings.Builder
	if err := run(ctx, testenv.Cassandra(t), testenv.Keyspace(t), &out); err != nil {
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

package main

import (
	"context"
	"io"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/internal/cassandratest"
	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/nosql/internal/cqlconn"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

func TestRun(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var out strings.Builder
	if err := run(ctx, []string{"-hosts", cassandratest.Addr(t), "-keyspace", cassandratest.Keyspace(t)}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	want := `page 1: message 10, message 9, message 8, message 7 (more: true)
page 2: message 6, message 5, message 4, message 3 (more: true)
page 3: message 2, message 1 (more: false)
`
	if got := out.String(); got != want {
		t.Errorf("output differs\n got:\n%s\nwant:\n%s", got, want)
	}
}

// TestPageCursor: a cursor resumes exactly where the previous page ended, pages
// never overlap, and a cursor that is not one of ours is refused.
func TestPageCursor(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	ks := cassandratest.Keyspace(t)
	if err := run(ctx, []string{"-hosts", cassandratest.Addr(t), "-keyspace", ks}, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	s, err := cqlconn.Open(ctx, cassandratest.Addr(t), ks)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var all []string
	cursor := ""
	for range 20 {
		bodies, next, err := fetchPage(ctx, s, "general", 3, cursor)
		if err != nil {
			t.Fatal(err)
		}
		if len(bodies) > 3 {
			t.Fatalf("page of %d rows, asked for 3", len(bodies))
		}
		all = append(all, bodies...)
		if next == "" {
			break
		}
		cursor = next
	}
	want := []string{"message 10", "message 9", "message 8", "message 7", "message 6", "message 5", "message 4", "message 3", "message 2", "message 1"}
	if !slices.Equal(all, want) {
		t.Errorf("pages gave %q\nwant %q", all, want)
	}
	if _, _, err := fetchPage(ctx, s, "general", 3, "not base64!"); err == nil || !strings.Contains(err.Error(), "bad cursor") {
		t.Errorf("a malformed cursor: got %v, want a bad cursor error", err)
	}
}

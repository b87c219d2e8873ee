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
	want := `order-7 line 1: 1 × kettle (order placed)
order-7 line 2: 2 × teapot (order placed)
order-7 line 3: 3 × mugs (order placed)
session tok-1 TTL: true (1..2 s left)
session tok-1 after 2.5 s: 0 rows
writetime(email) is the write's time in µs: true
after a later write with an older timestamp, email is new@example.com
`
	if got := out.String(); got != want {
		t.Errorf("output differs\n got:\n%s\nwant:\n%s", got, want)
	}
}

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
	want := `order-7 line 1: 1 × kettle (order placed)
order-7 line 2: 2 × teapot (order placed)
order-7 line 3: 3 × mugs (order placed)
session tok-1 TTL: true (at most 2 s left)
session tok-1 after its 2 s TTL: 0 rows
writetime(email) is the write's time in µs: true
after a later write with an older timestamp, email is new@example.com
`
	if got := out.String(); got != want {
		t.Errorf("output differs\n got:\n%s\nwant:\n%s", got, want)
	}
}

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
	want := `write at ONE   : ok
write at QUORUM: unavailable (needs 2 replicas, 1 alive)
write at ALL   : unavailable (needs 3 replicas, 1 alive)
read  at ONE   : "dark"
read  at QUORUM: unavailable (needs 2 replicas, 1 alive)
`
	if got := out.String(); got != want {
		t.Errorf("output differs\n got:\n%s\nwant:\n%s", got, want)
	}
}

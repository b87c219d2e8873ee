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

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
	want := `inserted 4 users into users and users_by_first_name

users WHERE first_name = 'John':
  refused: Cannot execute this query as it might involve data filtering and thus may have unpredictable performance. If you want to execute this query despite the performance unpredictability, use ALLOW FILTERING

users_by_first_name WHERE first_name = 'John' (one partition, sorted by last_name):
  John Adams <adams@example.com>
  John Doe <johndoe@example.com>
  John Smith <jsmith@example.com>

users WHERE first_name = 'John' with an SAI index (order is by token, not name):
  John Doe <johndoe@example.com>
  John Smith <jsmith@example.com>
  John Adams <adams@example.com>

users_by_first_name WHERE first_name = 'John' AND email = ... ALLOW FILTERING (one partition):
  John Smith <jsmith@example.com>
`
	if got := out.String(); got != want {
		t.Errorf("output differs\n got:\n%s\nwant:\n%s", got, want)
	}
}

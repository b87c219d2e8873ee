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
	want := `insert 550e8400-e29b-41d4-a716-446655440000: ok
select 550e8400-e29b-41d4-a716-446655440000: John Doe <johndoe@example.com>
update email: john@example.org
select after delete: not found=true
insert with user_id "not-a-uuid": invalid UUID "not-a-uuid"
insert with first_name 42: can not marshal int into varchar. Accepted types: Marshaler, string, []byte, UnsetValue.
insert into unknown column: server error 0x2200: Undefined column name nickname in table KS.users
rows left: 0
`
	ks := cassandratest.Keyspace(t)
	want = strings.ReplaceAll(want, "KS", ks)
	// Twice: the program recreates its table, so a second run prints the same.
	for range 2 {
		var out strings.Builder
		if err := run(ctx, []string{"-hosts", cassandratest.Addr(t), "-keyspace", ks}, &out, io.Discard); err != nil {
			t.Fatal(err)
		}
		if got := out.String(); got != want {
			t.Fatalf("output differs\n got:\n%s\nwant:\n%s", got, want)
		}
	}
}

func TestUnreachable(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	err := run(ctx, []string{"-hosts", "127.0.0.1:1", "-keyspace", "x"}, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "cassandra at 127.0.0.1:1 is unreachable (start it with `make up`)") {
		t.Fatalf("want a one-line hint naming the address, got %v", err)
	}
}

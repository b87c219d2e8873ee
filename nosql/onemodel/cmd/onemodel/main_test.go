package main

import (
	"context"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/nosql/internal/cli"
	"example.com/cloudgo/nosql/onemodel/internal/endpoints"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

func TestRun(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	name := kit.Name(t, "", "_", 48)
	e := endpoints.Get(t)
	var out strings.Builder
	err := run(ctx, []string{"-name", name, "-url", e.Postgres, "-uri", e.Mongo, "-hosts", e.Cassandra, "-addr", e.Redis}, &out, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	want := strings.ReplaceAll(`loaded 4 users and 9 orders (12 items) into postgres, cassandra, mongodb, redis

an order for unknown user ghost:
  postgres   refused: unknown user ghost: foreign key violation (SQLSTATE 23503, constraint orders_user_id_fkey), rolled back
  cassandra  refused: unknown user ghost: no row in users (read before writing)
  mongodb    refused: unknown user ghost: no document in users (findAndModify matched none)
  redis      refused: unknown user ghost: no hash NAME:user:ghost (read before writing)

1. orders of u1, newest first:
  o08  2025-03-05 16:45  u1  Ada Lovelace        30.00
  o06  2025-03-03 21:55  u1  Ada Lovelace       159.00
  o03  2025-03-02 14:05  u1  Ada Lovelace        42.00
  o01  2025-03-01 09:15  u1  Ada Lovelace        37.50
  (the same from postgres, cassandra, mongodb, redis)

2. top 4 customers by total spend:
  1. u2  Grace Hopper     2 orders    935.00
  2. u3  Linus Torvalds   2 orders    323.00
  3. u4  Barbara Liskov   1 order     268.50
  4. u1  Ada Lovelace     4 orders    268.50
  (the same from postgres, cassandra, mongodb, redis)

3. orders placed from 2025-03-02 00:00 to 2025-03-04 00:00 (exclusive), oldest first:
  o03  2025-03-02 14:05  u1  Ada Lovelace        42.00
  o09  2025-03-02 14:05  u4  Barbara Liskov     268.50
  o04  2025-03-02 18:30  u3  Linus Torvalds     104.00
  o05  2025-03-03 08:00  u2  Grace Hopper        36.00
  o06  2025-03-03 21:55  u1  Ada Lovelace       159.00
  (the same from postgres, cassandra, mongodb, redis)

measured cost: per order placed, and round trips per question
  store      round trips   writes             Q1  Q2  Q3
  postgres   4             2.3 rows            1   1   1
  cassandra  3             3 rows              1   2   2
  mongodb    2             2 documents         1   1   1
  redis      2             5 keys              2   2   2
`, "NAME", name)
	if got := out.String(); got != want {
		t.Errorf("output differs\n got:\n%s\nwant:\n%s", got, want)
	}
}

// TestBadFlags: values that cannot work are refused with exit status 2 before
// anything is dialled (the addresses in the environment would not answer).
func TestBadFlags(t *testing.T) {
	for _, env := range []string{"DATABASE_URL", "MONGODB_URI", "CASSANDRA_HOSTS", "REDIS_URL"} {
		t.Setenv(env, "")
	}
	for _, args := range [][]string{
		{"-top", "0"}, {"-top", "-3"}, {"-top", "100000"}, {"-top", "many"},
		{"-from", "yesterday"}, {"-to", "2025-02-30"}, {"-from", "2025-03-04", "-to", "2025-03-04"},
		{"-from", "2020-01-01", "-to", "2025-01-01"}, {"-user", " "},
		{"-name", ""}, {"-name", "x; DROP SCHEMA public"}, {"-name", "Onemodel"}, {"-name", strings.Repeat("n", 49)},
		{"-timeout", "0s"}, {"-timeout", "-1m"}, {"-timeout", "10"},
		{"-hosts", ""}, {"-hosts", "127.0.0.1:9042,"}, {"-addr", "redis://host:notaport/0"},
		{"-url", "postgres://u@host:notaport/db"}, {"-uri", "http://127.0.0.1:27017"},
		{"-nosuchflag"},
	} {
		err := run(context.Background(), args, io.Discard, io.Discard)
		if cli.Code(err) != 2 {
			t.Errorf("%q: %v (exit status %d), want a usage error (exit status 2)", args, err, cli.Code(err))
		}
	}
}

// TestUnreachable: one line naming the address and `make up`, exit status 1.
func TestUnreachable(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	dead := "127.0.0.1:" + kit.FreePort(t) // nobody listens there
	err := run(ctx, []string{"-url", "postgres://cloudgo:cloudgo@" + dead + "/cloudgo?sslmode=disable"}, io.Discard, io.Discard)
	want := "postgres at " + dead + " is unreachable (start it with `make up`)"
	if cli.Code(err) != 1 || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "\n") {
		t.Errorf("run = %v, want one line containing %q and exit status 1", err, want)
	}
}

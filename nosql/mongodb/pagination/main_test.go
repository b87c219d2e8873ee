package main

import (
	"context"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/mongotest"
	"example.com/cloudgo/nosql/internal/cli"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

func TestRun(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	uri, db := mongotest.URL(t), kit.Name(t, "db", "_", 40)
	for _, c := range []struct {
		args []string
		want string
	}{
		{nil, `25 items through one cursor with batch size 10: batches of [10 10 5]
page 1: item-01 … item-10 (10)
item-01 is deleted
page 2 by skip(10): item-12 … item-21 (10)
page 2 by _id after item-10: item-11 … item-20 (10)
page 3 by _id after item-20: item-21 … item-25 (5)
`},
		// The last page is full: the next one is empty and not printed.
		{[]string{"-n", "13", "-batch", "4", "-page", "4"}, `13 items through one cursor with batch size 4: batches of [4 4 4 1]
page 1: item-01 … item-04 (4)
item-01 is deleted
page 2 by skip(4): item-06 … item-09 (4)
page 2 by _id after item-04: item-05 … item-08 (4)
page 3 by _id after item-08: item-09 … item-12 (4)
page 4 by _id after item-12: item-13 (1)
`},
		{[]string{"-n", "4", "-batch", "100", "-page", "2"}, `4 items through one cursor with batch size 100: batches of [4]
page 1: item-01 … item-02 (2)
item-01 is deleted
page 2 by skip(2): item-04 (1)
page 2 by _id after item-02: item-03 … item-04 (2)
`},
	} {
		var out strings.Builder
		if err := run(ctx, append([]string{"-uri", uri, "-db", db}, c.args...), &out, io.Discard); err != nil {
			t.Fatal(err)
		}
		if got := out.String(); got != c.want {
			t.Errorf("%q: output differs\n got:\n%s\nwant:\n%s", c.args, got, c.want)
		}
	}
}

func TestUnreachable(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	err := run(ctx, []string{"-uri", "mongodb://127.0.0.1:1", "-timeout", "1s"}, io.Discard, io.Discard)
	if cli.Code(err) != 1 || !strings.Contains(err.Error(), "mongodb at 127.0.0.1:1 is unreachable (start it with `make up`)") {
		t.Fatalf("want one line naming the address, exit status 1; got %v", err)
	}
}

func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"-n", "1"}, {"-n", "-1"}, {"-batch", "0"}, {"-batch", "99999"}, {"-page", "0"}, {"-page", "5000"},
		{"-page", "ten"}, {"-timeout", "0s"},
	} {
		if err := run(context.Background(), args, io.Discard, io.Discard); cli.Code(err) != 2 {
			t.Errorf("%q: got %v, want exit status 2", args, err)
		}
	}
}

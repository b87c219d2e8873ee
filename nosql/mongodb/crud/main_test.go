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
	args := []string{"-uri", mongotest.URL(t), "-db", kit.Name(t, "db", "_", 40)}
	want := `inserted 3 users, each given an ObjectID _id
age >= 30, only the name: [{"name":"Ada"} {"name":"Grace"}]
$set age, $inc logins, $push tags: matched 1, modified 1 → Ada, age 37, logins 1, tags [math]
upsert margaret, first time: matched 0, modified 0, inserted true
upsert margaret, second time: matched 1, modified 0, inserted false
find nobody@example.com: mongo: no documents in result (errors.Is mongo.ErrNoDocuments: true)
deleted 1 (Linus); 3 users left
`
	// Twice: the program starts from an empty collection each time.
	for range 2 {
		var out strings.Builder
		if err := run(ctx, args, &out, io.Discard); err != nil {
			t.Fatal(err)
		}
		if got := out.String(); got != want {
			t.Errorf("output differs\n got:\n%s\nwant:\n%s", got, want)
		}
	}
}

func TestUnreachable(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	err := run(ctx, []string{"-uri", "mongodb://127.0.0.1:1", "-timeout", "1s"}, io.Discard, io.Discard)
	if cli.Code(err) != 1 || !strings.Contains(err.Error(), "mongodb at 127.0.0.1:1 is unreachable (start it with `make up`)") ||
		strings.Contains(err.Error(), "\n") {
		t.Fatalf("want one line naming the address, exit status 1; got %v", err)
	}
}

func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"-timeout", "0s"},
		{"-uri", "http://127.0.0.1:27017"},
		{"-uri", "mongodb://127.0.0.1:27017/?connectTimeoutMS=soon"},
		{"-db", ""},
		{"-db", "a.b"},
		{"-db", "admin"},
		{"-nosuchflag"},
	} {
		err := run(context.Background(), args, io.Discard, io.Discard)
		if cli.Code(err) != 2 {
			t.Errorf("%q: got %v (exit %d), want exit status 2", args, err, cli.Code(err))
		}
	}
}

package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/mongotest"
	"example.com/cloudgo/nosql/internal/cli"
	"example.com/cloudgo/nosql/internal/mongoconn"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

func TestRun(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	uri, db := mongotest.URL(t), kit.Name(t, "db", "_", 40)
	var out strings.Builder
	if err := run(ctx, []string{"-uri", uri, "-db", db}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != 5 {
		t.Fatalf("want 5 lines, got:\n%s", out.String())
	}
	if want := "unique index email_1: ada@example.com again is a duplicate key (code 11000): the address is taken"; lines[0] != want {
		t.Errorf("duplicate key line:\n got %s\nwant %s", lines[0], want)
	}
	if want := "compound index country_1_age_1 on 301 members"; lines[1] != want {
		t.Errorf("got %s, want %s", lines[1], want)
	}

	// What explain says needs MongoDB's query planner.
	client, err := mongo.Connect(options.Client().ApplyURI(uri))
	if err != nil {
		t.Fatal(err)
	}
	defer client.Disconnect(ctx)
	if standIn, err := mongoconn.StandIn(ctx, client.Database(db)); err != nil {
		t.Fatal(err)
	} else if standIn != "" {
		t.Skipf("%s (the stand-in for %s) has no query planner: explain's plans not verified", standIn, mongotest.Image)
	}
	nl, old := 0, 0
	for i := range 300 {
		if age := 18 + i*7%60; age >= 60 {
			old++
			if countries[i%len(countries)] == "NL" {
				nl++
			}
		}
	}
	// The index leads to exactly the matching entries: no document is read in
	// vain (a range scan may look at one key past its end).
	line := "country NL, age >= 60: IXSCAN on country_1_age_1, %d results, %d index keys and %d documents examined"
	if want, or := fmt.Sprintf(line, nl, nl, nl), fmt.Sprintf(line, nl, nl+1, nl); lines[2] != want && lines[2] != or {
		t.Errorf("explain:\n got %s\nwant %s", lines[2], want)
	}
	// age is not the index's first field: every document is read.
	if want := fmt.Sprintf("age >= 60 alone: COLLSCAN, %d results, 0 index keys and 301 documents examined", old); lines[3] != want {
		t.Errorf("explain:\n got %s\nwant %s", lines[3], want)
	}
	if !strings.Contains(lines[4], "IXSCAN on email_1, 1 results") {
		t.Errorf("an equality on the unique field: got %s, want an index scan of email_1", lines[4])
	}
}

// TestAccess reads the plan shapes MongoDB answers: classic, slot-based (under
// queryPlan) and 8.0's one-stage express plans.
func TestAccess(t *testing.T) {
	for _, c := range []struct {
		plan        bson.D
		stage, name string
	}{
		{bson.D{{Key: "stage", Value: "FETCH"}, {Key: "inputStage", Value: bson.D{{Key: "stage", Value: "IXSCAN"}, {Key: "indexName", Value: "a_1"}}}}, "IXSCAN", "a_1"},
		{bson.D{{Key: "queryPlan", Value: bson.D{{Key: "stage", Value: "FETCH"}, {Key: "inputStage", Value: bson.D{{Key: "stage", Value: "IXSCAN"}, {Key: "indexName", Value: "b_1"}}}}}}, "IXSCAN", "b_1"},
		{bson.D{{Key: "stage", Value: "EXPRESS_IXSCAN"}, {Key: "indexName", Value: "email_1"}}, "EXPRESS_IXSCAN", "email_1"},
		{bson.D{{Key: "stage", Value: "COLLSCAN"}}, "COLLSCAN", ""},
		{bson.D{{Key: "stage", Value: "OR"}, {Key: "inputStages", Value: bson.A{bson.D{{Key: "stage", Value: "IXSCAN"}, {Key: "indexName", Value: "c_1"}}}}}, "IXSCAN", "c_1"},
	} {
		raw, err := bson.Marshal(c.plan)
		if err != nil {
			t.Fatal(err)
		}
		if stage, name := access(raw); stage != c.stage || name != c.name {
			t.Errorf("%v: got %s %s, want %s %s", c.plan, stage, name, c.stage, c.name)
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
	for _, args := range [][]string{{"-n", "0"}, {"-n", "-3"}, {"-n", "1000000"}, {"-timeout", "-1s"}, {"-db", "a b"}} {
		if err := run(context.Background(), args, io.Discard, io.Discard); cli.Code(err) != 2 {
			t.Errorf("%q: got %v, want exit status 2", args, err)
		}
	}
}

package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/mongotest"
	"example.com/cloudgo/nosql/internal/cli"
	"example.com/cloudgo/nosql/internal/mongoconn"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

func TestRun(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var out strings.Builder
	if err := run(ctx, []string{"-uri", mongotest.URL(t), "-db", kit.Name(t, "db", "_", 40)}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	want := `unordered bulk write of 7 operations: 2 failed, 0 not attempted
  #0 insert C3              ok
  #1 insert A1              failed: duplicate key (11000)
  #2 upsert Z9 qty +3       upserted
  #3 insert D4              ok
  #4 insert D4 again        failed: duplicate key (11000)
  #5 update B2 qty +5       ok
  #6 delete E5              ok
  result: 2 inserted, 1 matched, 1 modified, 1 upserted, 1 deleted
  stock after: A1=10 B2=25 C3=7 D4=4 Z9=3
ordered bulk write of 7 operations: 1 failed, 5 not attempted
  #0 insert C3              ok
  #1 insert A1              failed: duplicate key (11000)
  #2 upsert Z9 qty +3       not attempted
  #3 insert D4              not attempted
  #4 insert D4 again        not attempted
  #5 update B2 qty +5       not attempted
  #6 delete E5              not attempted
  result: 1 inserted, 0 matched, 0 modified, 0 upserted, 0 deleted
  stock after: A1=10 B2=20 C3=7 E5=1
`
	if got := out.String(); got != want {
		t.Errorf("output differs\n got:\n%s\nwant:\n%s", got, want)
	}
}

// TestUpdateErrors accounts for a failed update between a good one and an
// upsert: the server numbers them within the update command, the driver maps
// them back to the caller's slice.
func TestUpdateErrors(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	client, err := mongo.Connect(options.Client().ApplyURI(mongotest.URL(t)))
	if err != nil {
		t.Fatal(err)
	}
	defer client.Disconnect(ctx)
	db := client.Database(kit.Name(t, "db", "_", 40))
	if standIn, err := mongoconn.StandIn(ctx, db); err != nil {
		t.Fatal(err)
	} else if standIn != "" {
		t.Skipf("%s (the stand-in for %s) reports an update command's upserts and write errors at index 0: per-item accounting of updates not verified", standIn, mongotest.Image)
	}
	stock := db.Collection("stock")
	if err := reset(ctx, stock); err != nil {
		t.Fatal(err)
	}
	ops := []op{
		{"insert F6", mongo.NewInsertOneModel().SetDocument(item{"F6", 6})},
		{"update B2 qty +5", mongo.NewUpdateOneModel().SetFilter(bySKU("B2")).SetUpdate(inc(5))},
		{`update A1 qty +"five"`, mongo.NewUpdateOneModel().SetFilter(bySKU("A1")).SetUpdate(inc("five"))},
		{"upsert Y8 qty +1", mongo.NewUpdateOneModel().SetFilter(bySKU("Y8")).SetUpdate(inc(1)).SetUpsert(true)},
	}
	items, res, err := write(ctx, stock, ops, false)
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprint(items, *res)
	want := fmt.Sprint([]accounted{{"insert F6", "ok"}, {"update B2 qty +5", "ok"},
		{`update A1 qty +"five"`, "failed: type mismatch (14)"}, {"upsert Y8 qty +1", "upserted"}},
		mongo.BulkWriteResult{InsertedCount: 1, MatchedCount: 1, ModifiedCount: 1, UpsertedCount: 1,
			UpsertedIDs: res.UpsertedIDs, Acknowledged: true})
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if _, ok := res.UpsertedIDs[3]; !ok {
		t.Errorf("upserted ids by index: %v, want index 3", res.UpsertedIDs)
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
	for _, args := range [][]string{{"-timeout", "0s"}, {"-db", ""}, {"-uri", "mongodb+srv://a:1"}} {
		if err := run(context.Background(), args, io.Discard, io.Discard); cli.Code(err) != 2 {
			t.Errorf("%q: got %v, want exit status 2", args, err)
		}
	}
}

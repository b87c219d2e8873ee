package main

import (
	"context"
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
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	uri, db := mongotest.URL(t), kit.Name(t, "db", "_", 40)
	client, err := mongo.Connect(options.Client().ApplyURI(uri))
	if err != nil {
		t.Fatal(err)
	}
	defer client.Disconnect(ctx)
	if standIn, err := mongoconn.StandIn(ctx, client.Database(db)); err != nil {
		t.Fatal(err)
	} else if standIn != "" {
		t.Skipf("%s (the stand-in for %s) has no $jsonSchema validation: not verified here", standIn, mongotest.Image)
	}
	var out strings.Builder
	if err := run(ctx, []string{"-uri", uri, "-db", db}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	refused := ": refused (121 DocumentValidationFailure): "
	want := []string{
		"insert Ada: accepted",
		"insert Bob, bad email and age" + refused + "email: pattern (regular expression did not match); age: minimum (comparison failed)",
		"insert Eve, no email" + refused + "required: missing [email]",
		`update Ada, age "forty"` + refused + "age: bsonType (type did not match)",
		"customers stored: 1",
	}
	if got := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n"); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("output differs\n got:\n%s\nwant:\n%s", out.String(), strings.Join(want, "\n"))
	}
}

// TestReasons reads the errInfo MongoDB 5.0+ attaches to a validation failure
// (the shape its manual documents), so that the explanation is checked where
// the stand-in cannot validate.
func TestReasons(t *testing.T) {
	info := bson.D{
		{Key: "failingDocumentId", Value: bson.NewObjectID()},
		{Key: "details", Value: bson.D{
			{Key: "operatorName", Value: "$jsonSchema"},
			{Key: "schemaRulesNotSatisfied", Value: bson.A{
				bson.D{{Key: "operatorName", Value: "properties"}, {Key: "propertiesNotSatisfied", Value: bson.A{
					bson.D{{Key: "propertyName", Value: "email"}, {Key: "details", Value: bson.A{bson.D{
						{Key: "operatorName", Value: "pattern"}, {Key: "specifiedAs", Value: bson.D{{Key: "pattern", Value: "^x$"}}},
						{Key: "reason", Value: "regular expression did not match"}, {Key: "consideredValue", Value: "bob"}}}}},
					bson.D{{Key: "propertyName", Value: "age"}, {Key: "details", Value: bson.A{bson.D{
						{Key: "operatorName", Value: "minimum"}, {Key: "specifiedAs", Value: bson.D{{Key: "minimum", Value: 0}}},
						{Key: "reason", Value: "comparison failed"}, {Key: "consideredValue", Value: -1}}}}},
				}}},
				bson.D{{Key: "operatorName", Value: "required"}, {Key: "specifiedAs", Value: bson.D{{Key: "required", Value: bson.A{"name", "email"}}}},
					{Key: "missingProperties", Value: bson.A{"name"}}},
				bson.D{{Key: "operatorName", Value: "additionalProperties"}, {Key: "reason", Value: "found additional properties"}},
			}},
		}},
	}
	raw, err := bson.Marshal(info)
	if err != nil {
		t.Fatal(err)
	}
	want := "email: pattern (regular expression did not match); age: minimum (comparison failed); required: missing [name]; additionalProperties (found additional properties)"
	if got := reasons(raw); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if got := reasons(nil); got != "the server gave no details" {
		t.Errorf("no errInfo: got %s", got)
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
	for _, args := range [][]string{{"-timeout", "0s"}, {"-db", "x$y"}, {"-uri", "mongodb://"}} {
		if err := run(context.Background(), args, io.Discard, io.Discard); cli.Code(err) != 2 {
			t.Errorf("%q: got %v, want exit status 2", args, err)
		}
	}
}

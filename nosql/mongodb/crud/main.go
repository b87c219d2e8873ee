// Command crud stores users as BSON documents in a `users` collection and works
// on them with the official Go driver: struct tags, insert, find with a filter, a
// projection and a sort, the update operators $set, $inc and $push, an upsert,
// "not found", and delete.
//
//	go run ./mongodb/crud -uri mongodb://127.0.0.1:27017   (or MONGODB_URI; `make up` starts one)
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"example.com/cloudgo/nosql/internal/cli"
	"example.com/cloudgo/nosql/internal/mongoconn"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("crud", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("crud", flag.ContinueOnError)
	fs.SetOutput(stderr)
	conn := mongoconn.RegisterFlags(fs, 30*time.Second)
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if err := conn.Check(); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, conn.Timeout)
	defer cancel()
	client, err := mongoconn.Connect(ctx, conn.URI)
	if err != nil {
		return err
	}
	defer mongoconn.Disconnect(ctx, client)
	return walk(ctx, client.Database(conn.DB).Collection("users"), stdout)
}

// user is one document of `users`. The bson tags name the fields; omitempty
// leaves the zero ObjectID out, so that the server (the driver, in fact) assigns one.
type user struct {
	ID     bson.ObjectID `bson:"_id,omitempty"`
	Name   string        `bson:"name"`
	Email  string        `bson:"email"`
	Age    int           `bson:"age"`
	Logins int           `bson:"logins"`
	Tags   []string      `bson:"tags,omitempty"`
}

func walk(ctx context.Context, users *mongo.Collection, out io.Writer) error {
	say := func(format string, args ...any) { fmt.Fprintf(out, format+"\n", args...) }
	if err := users.Drop(ctx); err != nil {
		return fmt.Errorf("drop %s: %w", users.Name(), err)
	}

	res, err := users.InsertMany(ctx, []user{
		{Name: "Ada", Email: "ada@example.com", Age: 36},
		{Name: "Grace", Email: "grace@example.com", Age: 45},
		{Name: "Linus", Email: "linus@example.com", Age: 28},
	})
	if err != nil {
		return fmt.Errorf("insert users: %w", err)
	}
	say("inserted %d users, each given an ObjectID _id", len(res.InsertedIDs))

	// A filter is a document too: {age: {$gte: 30}}. The projection returns only
	// the name; the sort runs on the server.
	cur, err := users.Find(ctx, bson.D{{Key: "age", Value: bson.D{{Key: "$gte", Value: 30}}}},
		options.Find().SetProjection(bson.D{{Key: "name", Value: 1}, {Key: "_id", Value: 0}}).
			SetSort(bson.D{{Key: "name", Value: 1}}))
	if err != nil {
		return fmt.Errorf("find age >= 30: %w", err)
	}
	var names []bson.M
	if err := cur.All(ctx, &names); err != nil {
		return fmt.Errorf("read age >= 30: %w", err)
	}
	say("age >= 30, only the name: %v", names)

	// Update operators change fields in place: no read-modify-write in the client.
	ada := bson.D{{Key: "email", Value: "ada@example.com"}}
	up, err := users.UpdateOne(ctx, ada, bson.D{
		{Key: "$set", Value: bson.D{{Key: "age", Value: 37}}},
		{Key: "$inc", Value: bson.D{{Key: "logins", Value: 1}}},
		{Key: "$push", Value: bson.D{{Key: "tags", Value: "math"}}},
	})
	if err != nil {
		return fmt.Errorf("update ada: %w", err)
	}
	var got user
	if err := users.FindOne(ctx, ada).Decode(&got); err != nil {
		return fmt.Errorf("find ada: %w", err)
	}
	say("$set age, $inc logins, $push tags: matched %d, modified %d → %s, age %d, logins %d, tags %v",
		up.MatchedCount, up.ModifiedCount, got.Name, got.Age, got.Logins, got.Tags)

	// An upsert inserts when the filter matches nothing; run again, it matches
	// and changes nothing ($setOnInsert applies only to an insert).
	margaret := bson.D{{Key: "email", Value: "margaret@example.com"}}
	set := bson.D{{Key: "$set", Value: bson.D{{Key: "name", Value: "Margaret"}}},
		{Key: "$setOnInsert", Value: bson.D{{Key: "age", Value: 33}}}}
	for _, try := range []string{"first", "second"} {
		up, err := users.UpdateOne(ctx, margaret, set, options.UpdateOne().SetUpsert(true))
		if err != nil {
			return fmt.Errorf("upsert margaret: %w", err)
		}
		say("upsert margaret, %s time: matched %d, modified %d, inserted %v",
			try, up.MatchedCount, up.ModifiedCount, up.UpsertedID != nil)
	}

	err = users.FindOne(ctx, bson.D{{Key: "email", Value: "nobody@example.com"}}).Decode(&got)
	say("find nobody@example.com: %v (errors.Is mongo.ErrNoDocuments: %v)", err, errors.Is(err, mongo.ErrNoDocuments))
	if err != nil && !errors.Is(err, mongo.ErrNoDocuments) {
		return fmt.Errorf("find nobody: %w", err)
	}

	del, err := users.DeleteOne(ctx, bson.D{{Key: "name", Value: "Linus"}})
	if err != nil {
		return fmt.Errorf("delete linus: %w", err)
	}
	n, err := users.CountDocuments(ctx, bson.D{})
	if err != nil {
		return fmt.Errorf("count users: %w", err)
	}
	say("deleted %d (Linus); %d users left", del.DeletedCount, n)
	return nil
}

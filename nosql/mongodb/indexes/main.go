// Command indexes shows the two jobs of a MongoDB index: a unique index that
// refuses a second document with the same email (the duplicate-key error handled
// by its type, not its text), and a compound index that a query uses, as
// `explain` reports, only when it filters on the index's first field.
//
//	go run ./mongodb/indexes -uri mongodb://127.0.0.1:27017   (or MONGODB_URI; `make up` starts one)
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
	cli.Exit("indexes", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("indexes", flag.ContinueOnError)
	fs.SetOutput(stderr)
	conn := mongoconn.RegisterFlags(fs, 30*time.Second)
	n := fs.Int("n", 300, "users to insert for the compound index (1-100000)")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if err := conn.Check(); err != nil {
		return err
	}
	if *n < 1 || *n > 100000 {
		return cli.Usagef("-n must be between 1 and 100000, got %d", *n)
	}
	ctx, cancel := context.WithTimeout(ctx, conn.Timeout)
	defer cancel()
	client, err := mongoconn.Connect(ctx, conn.URI)
	if err != nil {
		return err
	}
	defer mongoconn.Disconnect(ctx, client)
	return walk(ctx, client.Database(conn.DB), *n, stdout)
}

var countries = []string{"DE", "FR", "NL", "PL", "SE"}

func walk(ctx context.Context, db *mongo.Database, n int, out io.Writer) error {
	say := func(format string, args ...any) { fmt.Fprintf(out, format+"\n", args...) }
	members := db.Collection("members")
	if err := members.Drop(ctx); err != nil {
		return fmt.Errorf("drop members: %w", err)
	}
	email, err := members.Indexes().CreateOne(ctx, mongo.IndexModel{
		Keys: bson.D{{Key: "email", Value: 1}}, Options: options.Index().SetUnique(true)})
	if err != nil {
		return fmt.Errorf("create unique index on members.email: %w", err)
	}
	ada := bson.D{{Key: "email", Value: "ada@example.com"}, {Key: "country", Value: "GB"}, {Key: "age", Value: 36}}
	if _, err := members.InsertOne(ctx, ada); err != nil {
		return fmt.Errorf("insert ada: %w", err)
	}
	_, err = members.InsertOne(ctx, ada)
	var we mongo.WriteException
	switch {
	case mongo.IsDuplicateKeyError(err) && errors.As(err, &we) && len(we.WriteErrors) > 0:
		say("unique index %s: ada@example.com again is a duplicate key (code %d): the address is taken", email, we.WriteErrors[0].Code)
	case err != nil:
		return fmt.Errorf("insert ada again: %w", err)
	default:
		return fmt.Errorf("insert ada again: the unique index %s accepted a duplicate", email)
	}

	compound, err := members.Indexes().CreateOne(ctx, mongo.IndexModel{Keys: bson.D{{Key: "country", Value: 1}, {Key: "age", Value: 1}}})
	if err != nil {
		return fmt.Errorf("create index on members(country, age): %w", err)
	}
	docs := make([]bson.D, n)
	for i := range docs {
		docs[i] = bson.D{{Key: "email", Value: fmt.Sprintf("user%d@example.com", i)},
			{Key: "country", Value: countries[i%len(countries)]}, {Key: "age", Value: 18 + i*7%60}}
	}
	if _, err := members.InsertMany(ctx, docs); err != nil {
		return fmt.Errorf("insert %d members: %w", n, err)
	}
	say("compound index %s on %d members", compound, n+1)

	for _, q := range []struct {
		what   string
		filter bson.D
	}{
		{"country NL, age >= 60", bson.D{{Key: "country", Value: "NL"}, {Key: "age", Value: bson.D{{Key: "$gte", Value: 60}}}}},
		{"age >= 60 alone", bson.D{{Key: "age", Value: bson.D{{Key: "$gte", Value: 60}}}}},
		{"email user7@example.com", bson.D{{Key: "email", Value: "user7@example.com"}}},
	} {
		e, err := explain(ctx, db, members.Name(), q.filter)
		if err != nil {
			return fmt.Errorf("explain find %s on members: %w", q.what, err)
		}
		say("%s: %s", q.what, e)
	}
	return nil
}

// Command validate gives a collection a $jsonSchema validator, so that the server
// itself refuses documents without the required fields or with values of the
// wrong type or range, on insert and on update, and says which rule failed.
// "Schemaless" is a default, not a law.
//
//	go run ./mongodb/validate -uri mongodb://127.0.0.1:27017   (or MONGODB_URI; `make up` starts one)
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
	cli.Exit("validate", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
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
	return walk(ctx, client.Database(conn.DB), stdout)
}

// schema is the validator: BSON types, required fields, a pattern and a range.
var schema = bson.D{
	{Key: "bsonType", Value: "object"},
	{Key: "required", Value: bson.A{"name", "email", "age"}},
	{Key: "properties", Value: bson.D{
		{Key: "name", Value: bson.D{{Key: "bsonType", Value: "string"}, {Key: "minLength", Value: 1}}},
		{Key: "email", Value: bson.D{{Key: "bsonType", Value: "string"}, {Key: "pattern", Value: `^[^@\s]+@[^@\s]+$`}}},
		{Key: "age", Value: bson.D{{Key: "bsonType", Value: "int"}, {Key: "minimum", Value: 0}, {Key: "maximum", Value: 150}}},
	}},
}

func walk(ctx context.Context, db *mongo.Database, out io.Writer) error {
	customers := db.Collection("customers")
	if err := customers.Drop(ctx); err != nil {
		return fmt.Errorf("drop customers: %w", err)
	}
	// "strict" checks every insert and update; "error" refuses what fails ("warn"
	// would only log it).
	err := db.CreateCollection(ctx, "customers", options.CreateCollection().
		SetValidator(bson.D{{Key: "$jsonSchema", Value: schema}}).
		SetValidationLevel("strict").SetValidationAction("error"))
	if err != nil {
		return fmt.Errorf("create customers with a $jsonSchema validator: %w", err)
	}
	writes := []struct {
		what  string
		write func() error
	}{
		{"insert Ada", insert(ctx, customers, bson.D{{Key: "name", Value: "Ada"}, {Key: "email", Value: "ada@example.com"}, {Key: "age", Value: 36}})},
		{"insert Bob, bad email and age", insert(ctx, customers, bson.D{{Key: "name", Value: "Bob"}, {Key: "email", Value: "bob at example.com"}, {Key: "age", Value: -1}})},
		{"insert Eve, no email", insert(ctx, customers, bson.D{{Key: "name", Value: "Eve"}, {Key: "age", Value: 30}})},
		{`update Ada, age "forty"`, func() error {
			_, err := customers.UpdateOne(ctx, bson.D{{Key: "name", Value: "Ada"}}, bson.D{{Key: "$set", Value: bson.D{{Key: "age", Value: "forty"}}}})
			return err
		}},
	}
	for _, w := range writes {
		err := w.write()
		var we mongo.WriteException
		switch {
		case err == nil:
			fmt.Fprintf(out, "%s: accepted\n", w.what)
		case errors.As(err, &we) && len(we.WriteErrors) == 1 && we.WriteErrors[0].Code == 121:
			fmt.Fprintf(out, "%s: refused (121 DocumentValidationFailure): %s\n", w.what, reasons(we.WriteErrors[0].Details))
		default:
			return fmt.Errorf("%s: %w", w.what, err)
		}
	}
	n, err := customers.CountDocuments(ctx, bson.D{})
	if err != nil {
		return fmt.Errorf("count customers: %w", err)
	}
	fmt.Fprintf(out, "customers stored: %d\n", n)
	return nil
}

func insert(ctx context.Context, coll *mongo.Collection, doc bson.D) func() error {
	return func() error { _, err := coll.InsertOne(ctx, doc); return err }
}

// Command changestream follows the writes to a collection as they happen
// (Collection.Watch, a change stream read from the replica set's oplog), stops
// after two events keeping the last resume token, and resumes after it later
// without losing what happened in between. Change streams need a replica set
// (a one-node one will do); see nosql/README.md.
//
//	go run ./mongodb/changestream -uri 'mongodb://127.0.0.1:27017/?directConnection=true'   (or MONGODB_URI)
package main

import (
	"context"
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
	cli.Exit("changestream", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("changestream", flag.ContinueOnError)
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
	if err := mongoconn.RequireReplicaSet(ctx, client, conn.URI, "change streams"); err != nil {
		return err
	}
	return walk(ctx, client.Database(conn.DB).Collection("tickets"), stdout)
}

func walk(ctx context.Context, tickets *mongo.Collection, out io.Writer) error {
	say := func(format string, args ...any) { fmt.Fprintf(out, format+"\n", args...) }
	if err := tickets.Drop(ctx); err != nil {
		return fmt.Errorf("drop tickets: %w", err)
	}
	// The stream sees what is written after it opens. The $match runs on the
	// server; UpdateLookup adds the document as it is now to update events.
	only := mongo.Pipeline{{{Key: "$match", Value: bson.D{{Key: "operationType",
		Value: bson.D{{Key: "$in", Value: bson.A{"insert", "update", "delete"}}}}}}}}
	opts := options.ChangeStream().SetFullDocument(options.UpdateLookup)
	stream, err := tickets.Watch(ctx, only, opts)
	if err != nil {
		return fmt.Errorf("watch tickets: %w", err)
	}
	say("watching tickets for inserts, updates and deletes")
	for _, w := range []func() error{
		func() error { _, err := tickets.InsertOne(ctx, ticket{"t1", "printer on fire", "open"}); return err },
		func() error {
			_, err := tickets.InsertOne(ctx, ticket{"t2", "coffee machine empty", "open"})
			return err
		},
		func() error {
			_, err := tickets.UpdateOne(ctx, bson.D{{Key: "_id", Value: "t1"}}, bson.D{{Key: "$set", Value: bson.D{{Key: "status", Value: "closed"}}}})
			return err
		},
	} {
		if err := w(); err != nil {
			_ = stream.Close(ctx)
			return fmt.Errorf("write tickets: %w", err)
		}
	}
	err = follow(ctx, stream, 2, say)
	token := stream.ResumeToken() // the position after the last event read
	_ = stream.Close(ctx)
	if err != nil {
		return err
	}
	say("the consumer stops after 2 events, keeping the resume token")

	if _, err := tickets.DeleteOne(ctx, bson.D{{Key: "_id", Value: "t2"}}); err != nil {
		return fmt.Errorf("delete t2: %w", err)
	}
	say("while it is away, t2 is deleted")

	stream, err = tickets.Watch(ctx, only, opts.SetResumeAfter(token))
	if err != nil {
		return fmt.Errorf("resume watching tickets: %w", err)
	}
	defer stream.Close(ctx)
	say("resumed after the token:")
	return follow(ctx, stream, 2, say)
}

type ticket struct {
	ID     string `bson:"_id"`
	Title  string `bson:"title"`
	Status string `bson:"status"`
}

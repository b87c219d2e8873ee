package main

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// event is the part of a change event this program reads.
type event struct {
	OperationType string `bson:"operationType"`
	DocumentKey   struct {
		ID string `bson:"_id"`
	} `bson:"documentKey"`
	FullDocument      *ticket `bson:"fullDocument"`
	UpdateDescription struct {
		UpdatedFields bson.D `bson:"updatedFields"`
	} `bson:"updateDescription"`
}

// follow prints the next n events of stream. Next waits for each (the driver
// polls the server with getMore) until ctx ends.
func follow(ctx context.Context, stream *mongo.ChangeStream, n int, say func(string, ...any)) error {
	for range n {
		if !stream.Next(ctx) {
			return fmt.Errorf("read the change stream of tickets: %w", stream.Err())
		}
		var e event
		if err := stream.Decode(&e); err != nil {
			return fmt.Errorf("decode a change event: %w", err)
		}
		switch e.OperationType {
		case "insert":
			say("  insert %s: %q (%s)", e.DocumentKey.ID, e.FullDocument.Title, e.FullDocument.Status)
		case "update":
			now := "gone since" // UpdateLookup reads the document when the event is read
			if d := e.FullDocument; d != nil {
				now = fmt.Sprintf("%q (%s)", d.Title, d.Status)
			}
			say("  update %s: set %v; the document now: %s", e.DocumentKey.ID, e.UpdateDescription.UpdatedFields, now)
		default:
			say("  %s %s", e.OperationType, e.DocumentKey.ID)
		}
	}
	return nil
}

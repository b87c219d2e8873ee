package main

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

type item struct {
	ID   bson.ObjectID `bson:"_id"`
	Name string        `bson:"name"`
}

var byID = bson.D{{Key: "_id", Value: 1}}

// readAll iterates the whole collection with one cursor and returns the sizes of
// the batches the server sent: the first comes with the find, each later one
// with a getMore. Next fetches the next batch when the current one is used up.
func readAll(ctx context.Context, coll *mongo.Collection, batch int32) ([]int, error) {
	cur, err := coll.Find(ctx, bson.D{}, options.Find().SetSort(byID).SetBatchSize(batch))
	if err != nil {
		return nil, err
	}
	defer cur.Close(ctx)
	var batches []int
	left := 0 // documents left in the current batch
	for cur.Next(ctx) {
		if left == 0 {
			batches = append(batches, 0)
		}
		batches[len(batches)-1]++
		left = cur.RemainingBatchLength()
	}
	return batches, cur.Err()
}

// pageAfter returns up to size items whose _id follows after, in _id order: the
// _id index finds the start directly, however deep the page.
func pageAfter(ctx context.Context, coll *mongo.Collection, after bson.ObjectID, size int) ([]item, error) {
	filter := bson.D{{Key: "_id", Value: bson.D{{Key: "$gt", Value: after}}}}
	cur, err := coll.Find(ctx, filter, options.Find().SetSort(byID).SetLimit(int64(size)))
	if err != nil {
		return nil, err
	}
	var page []item
	return page, cur.All(ctx, &page)
}

// pageSkip is the paging to avoid: the server walks past skip documents for every
// page, and a document inserted or deleted before the page shifts what it shows.
func pageSkip(ctx context.Context, coll *mongo.Collection, skip, size int) ([]item, error) {
	cur, err := coll.Find(ctx, bson.D{}, options.Find().SetSort(byID).SetSkip(int64(skip)).SetLimit(int64(size)))
	if err != nil {
		return nil, err
	}
	var page []item
	return page, cur.All(ctx, &page)
}

// names is "item-01 … item-10 (10)", the first and last of a page and its length.
func names(page []item) string {
	switch len(page) {
	case 0:
		return "(empty)"
	case 1:
		return page[0].Name + " (1)"
	}
	return fmt.Sprintf("%s … %s (%d)", page[0].Name, page[len(page)-1].Name, len(page))
}

package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// op is one operation of the import and what a person reads for it.
type op struct {
	What  string
	Model mongo.WriteModel
}

// accounted is what became of one operation.
type accounted struct {
	What    string
	Outcome string // "ok", "upserted", "not attempted", or why it failed
}

func inc(by any) bson.D {
	return bson.D{{Key: "$inc", Value: bson.D{{Key: "qty", Value: by}}}}
}

func bySKU(sku string) bson.D { return bson.D{{Key: "sku", Value: sku}} }

// operations is the import. Unordered, the server may run them in any order (the
// driver sends the inserts, the deletes and the updates as separate commands), so
// no two operations of different kinds touch the same sku here.
func operations() []op {
	return []op{
		{"insert C3", mongo.NewInsertOneModel().SetDocument(item{"C3", 7})},
		{"insert A1", mongo.NewInsertOneModel().SetDocument(item{"A1", 1})},
		{"upsert Z9 qty +3", mongo.NewUpdateOneModel().SetFilter(bySKU("Z9")).SetUpdate(inc(3)).SetUpsert(true)},
		{"insert D4", mongo.NewInsertOneModel().SetDocument(item{"D4", 4})},
		{"insert D4 again", mongo.NewInsertOneModel().SetDocument(item{"D4", 9})},
		{"update B2 qty +5", mongo.NewUpdateOneModel().SetFilter(bySKU("B2")).SetUpdate(inc(5))},
		{"delete E5", mongo.NewDeleteOneModel().SetFilter(bySKU("E5"))},
	}
}

// write runs the import and accounts for every operation: the exception lists
// the failed ones by their index in the slice; ordered, everything after the
// first failure was not attempted; the rest succeeded.
func write(ctx context.Context, coll *mongo.Collection, ops []op, ordered bool) ([]accounted, *mongo.BulkWriteResult, error) {
	models := make([]mongo.WriteModel, len(ops))
	items := make([]accounted, len(ops))
	for i, o := range ops {
		models[i], items[i] = o.Model, accounted{What: o.What, Outcome: "ok"}
	}
	res, err := coll.BulkWrite(ctx, models, options.BulkWrite().SetOrdered(ordered))
	var bwe mongo.BulkWriteException
	if err != nil && !errors.As(err, &bwe) {
		return nil, nil, err // nothing is known about the items: the write as a whole failed
	}
	if bwe.WriteConcernError != nil {
		return nil, nil, fmt.Errorf("write concern: %v", bwe.WriteConcernError)
	}
	first := len(ops)
	for _, we := range bwe.WriteErrors {
		items[we.Index].Outcome = describe(we.WriteError)
		first = min(first, we.Index)
	}
	if ordered {
		for i := first + 1; i < len(items); i++ {
			items[i].Outcome = "not attempted"
		}
	}
	for i := range res.UpsertedIDs {
		items[i].Outcome = "upserted"
	}
	return items, res, nil
}

// describe names a write error by its code: the message text differs between
// server versions.
func describe(we mongo.WriteError) string {
	switch {
	case mongo.IsDuplicateKeyError(we):
		return fmt.Sprintf("failed: duplicate key (%d)", we.Code)
	case we.Code == 14:
		return fmt.Sprintf("failed: type mismatch (%d)", we.Code)
	}
	return fmt.Sprintf("failed (%d): %s", we.Code, we.Message)
}

// count returns how many items failed and how many were not attempted.
func count(items []accounted) (failed, skipped int) {
	for _, it := range items {
		switch {
		case it.Outcome == "not attempted":
			skipped++
		case strings.HasPrefix(it.Outcome, "failed"):
			failed++
		}
	}
	return failed, skipped
}

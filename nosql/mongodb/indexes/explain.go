package main

import (
	"context"
	"fmt"
	"slices"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// explained is what a reader wants from `explain`: the plan's access stage (an
// index scan and which index, or a collection scan) and what it cost.
type explained struct {
	Stage, Index     string
	Keys, Docs, Rows int64
	Stats            bool // whether the server reported executionStats
}

func (e explained) String() string {
	plan := "no plan in the answer (queryPlanner.winningPlan)"
	if e.Stage != "" {
		plan = e.Stage
		if e.Index != "" {
			plan += " on " + e.Index
		}
	}
	if !e.Stats {
		return plan
	}
	return fmt.Sprintf("%s, %d results, %d index keys and %d documents examined", plan, e.Rows, e.Keys, e.Docs)
}

// explain runs a find with the explain command at "executionStats" verbosity: the
// server plans the query, runs it, and tells which plan won and what it examined.
func explain(ctx context.Context, db *mongo.Database, coll string, filter bson.D) (explained, error) {
	var answer struct {
		QueryPlanner struct {
			WinningPlan bson.Raw `bson:"winningPlan"`
		} `bson:"queryPlanner"`
		ExecutionStats *struct {
			NReturned         int64 `bson:"nReturned"`
			TotalKeysExamined int64 `bson:"totalKeysExamined"`
			TotalDocsExamined int64 `bson:"totalDocsExamined"`
		} `bson:"executionStats"`
	}
	cmd := bson.D{
		{Key: "explain", Value: bson.D{{Key: "find", Value: coll}, {Key: "filter", Value: filter}}},
		{Key: "verbosity", Value: "executionStats"},
	}
	if err := db.RunCommand(ctx, cmd).Decode(&answer); err != nil {
		return explained{}, err
	}
	var e explained
	if answer.QueryPlanner.WinningPlan != nil {
		e.Stage, e.Index = access(answer.QueryPlanner.WinningPlan)
	}
	if s := answer.ExecutionStats; s != nil {
		e.Stats, e.Rows, e.Keys, e.Docs = true, s.NReturned, s.TotalKeysExamined, s.TotalDocsExamined
	}
	return e, nil
}

// accessStages are the plan stages that read the data: the leaves of the plan.
// MongoDB 8 answers an equality on _id or on a unique single-field index with an
// "express" plan of one stage.
var accessStages = []string{"IXSCAN", "COLLSCAN", "IDHACK", "EXPRESS_IXSCAN", "EXPRESS_IDHACK", "EXPRESS_CLUSTERED_IXSCAN"}

// access walks a plan tree (FETCH → IXSCAN …) to its access stage. With the
// slot-based engine the classic tree is under "queryPlan".
func access(plan bson.Raw) (stage, index string) {
	if q, ok := plan.Lookup("queryPlan").DocumentOK(); ok {
		return access(q)
	}
	stage, _ = plan.Lookup("stage").StringValueOK()
	if slices.Contains(accessStages, stage) {
		index, _ = plan.Lookup("indexName").StringValueOK()
		return stage, index
	}
	if in, ok := plan.Lookup("inputStage").DocumentOK(); ok {
		return access(in)
	}
	if ins, ok := plan.Lookup("inputStages").ArrayOK(); ok {
		if vals, err := ins.Values(); err == nil && len(vals) > 0 {
			if first, ok := vals[0].DocumentOK(); ok {
				return access(first)
			}
		}
	}
	return stage, ""
}

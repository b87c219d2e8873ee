package main

import (
	"context"
	"testing"

	"example.com/cloudgo/internal/redistest"
	"example.com/cloudgo/nosql/internal/redisconn"
)

// BenchmarkSet compares 100 SETs as 100 round trips with the same 100 SETs in one
// pipeline. Both report SETs per second; their ratio is the lesson.
//
//	go test -run '^$' -bench Set -benchtime 200x ./redis/pipeline
func BenchmarkSet(b *testing.B) {
	ctx := context.Background()
	rdb, err := redisconn.Connect(ctx, redistest.URL(b))
	if err != nil {
		b.Fatal(err)
	}
	defer rdb.Close()
	const n = 100
	setsPerSec := func(b *testing.B) { b.ReportMetric(float64(b.N*n)/b.Elapsed().Seconds(), "sets/s") }
	b.Run("round-trips-100", func(b *testing.B) {
		for range b.N {
			if err := roundTrips(ctx, rdb, "bench:", n); err != nil {
				b.Fatal(err)
			}
		}
		setsPerSec(b)
	})
	b.Run("pipelined-100", func(b *testing.B) {
		for range b.N {
			if err := pipelined(ctx, rdb, "bench:", n); err != nil {
				b.Fatal(err)
			}
		}
		setsPerSec(b)
	})
}

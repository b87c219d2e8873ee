package main

import (
	"context"
	"sync"
	"testing"

	gocql "github.com/apache/cassandra-gocql-driver/v2"

	"example.com/cloudgo/internal/cassandratest"
	"example.com/cloudgo/nosql/internal/cqlconn"
)

// BenchmarkInsert is the performance lesson for writes to many partitions: the
// same rows written one after another, concurrently (the Go way to do "async"
// with gocql: goroutines sharing one session), and in multi-partition batches
// of 100. Every variant reports rows per second.
//
//	go test -run '^$' -bench Insert -benchtime 2000x ./cassandra/writes
//
// On a real cluster the batch loses: its coordinator must forward every row to
// the row's own replicas and (logged) write the batch log first, while
// concurrent single-row writes go straight to each row's replicas (token-aware
// routing) in parallel. On one node there is no one to forward to, so the batch
// only saves round trips; read the numbers with that in mind.
func BenchmarkInsert(b *testing.B) {
	ctx := context.Background()
	s, err := cqlconn.Open(ctx, cassandratest.Addr(b), "bench_writes")
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if err := cqlconn.Recreate(ctx, s, `CREATE TABLE readings (sensor int PRIMARY KEY, value double)`); err != nil {
		b.Fatal(err)
	}
	const insert = `INSERT INTO readings (sensor, value) VALUES (?, ?)`
	rowsPerSec := func(b *testing.B) { b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "rows/s") }

	b.Run("sequential", func(b *testing.B) {
		for i := range b.N {
			if err := s.Query(insert, i, 1.5).ExecContext(ctx); err != nil {
				b.Fatal(err)
			}
		}
		rowsPerSec(b)
	})
	b.Run("concurrent-32", func(b *testing.B) {
		var wg sync.WaitGroup
		rows := make(chan int)
		for range 32 {
			wg.Go(func() {
				for i := range rows {
					if err := s.Query(insert, i, 1.5).ExecContext(ctx); err != nil {
						b.Error(err)
					}
				}
			})
		}
		for i := range b.N {
			rows <- i
		}
		close(rows)
		wg.Wait()
		rowsPerSec(b)
	})
	for _, kind := range []struct {
		name string
		typ  gocql.BatchType
	}{{"logged-batch-100", gocql.LoggedBatch}, {"unlogged-batch-100", gocql.UnloggedBatch}} {
		b.Run(kind.name, func(b *testing.B) {
			for done := 0; done < b.N; done += 100 {
				batch := s.Batch(kind.typ)
				for i := done; i < min(done+100, b.N); i++ {
					batch.Query(insert, i, 1.5)
				}
				if err := batch.ExecContext(ctx); err != nil {
					b.Fatal(err)
				}
			}
			rowsPerSec(b)
		})
	}
}

// Package rdd is a teaching model of Spark's RDD (Resilient Distributed
// Dataset) that runs in one process: an immutable, partitioned collection
// whose transformations only describe work and whose actions run it, one
// goroutine per partition.
//
// It exists so that a reader can map the Python original's list one to one:
//
//	transformations  Map FlatMap Filter Union              (narrow: partition i comes from parent partition i)
//	                 ReduceByKey GroupByKey CombineByKey
//	                 Join Cogroup SortByKey Distinct       (wide: a shuffle regroups data by key)
//	actions          Count First Take Collect Foreach Reduce SaveAsTextFile CountByValue
//
// Why functions rather than methods: a Go method cannot have type parameters
// of its own, so r.Map(f) could not turn an RDD[string] into an RDD[int].
// Whatever keeps the element type (Filter, Union, the actions) is a method;
// whatever changes it, or needs a constraint such as comparable keys
// (Map, FlatMap, ReduceByKey, Join, Distinct, ...), is a package function:
// rdd.Map(r, f) instead of Spark's r.map(f).
//
// What it is not: nothing here is resilient or distributed. There is no
// cluster, no recovery of lost partitions, and shuffles are kept in memory
// rather than written to disk. For real scale use Spark itself, or write the
// pipeline once with Apache Beam (see ../beamwordcount) and run it on Flink,
// Spark or Dataflow.
package rdd

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"runtime"
	"sync"
)

// RDD is a lazy, partitioned collection of T. Building one computes nothing:
// it only records how to compute each partition from its parents (the
// lineage). An action walks the lineage and runs the partitions in parallel.
type RDD[T any] struct {
	parts int
	// compute produces the elements of one partition, in order, by calling
	// emit. A non-nil error from emit must be returned as is.
	compute func(ctx context.Context, part int, emit func(T) error) error
}

// NumPartitions is the number of partitions, the unit of parallelism.
func (r *RDD[T]) NumPartitions() int { return r.parts }

// ErrEmpty is returned by First and Reduce on an RDD with no elements.
var ErrEmpty = errors.New("rdd: empty collection")

// Parallelize distributes data over numSlices partitions (Spark's
// sc.parallelize). The slice is not copied: do not modify it afterwards.
func Parallelize[T any](data []T, numSlices int) *RDD[T] {
	n := max(numSlices, 1)
	return &RDD[T]{parts: n, compute: func(ctx context.Context, p int, emit func(T) error) error {
		for _, v := range data[len(data)*p/n : len(data)*(p+1)/n] {
			if err := emit(v); err != nil {
				return err
			}
		}
		return ctx.Err()
	}}
}

// Map applies f to every element.
func Map[T, U any](r *RDD[T], f func(T) U) *RDD[U] {
	return &RDD[U]{parts: r.parts, compute: func(ctx context.Context, p int, emit func(U) error) error {
		return r.compute(ctx, p, func(v T) error { return emit(f(v)) })
	}}
}

// TryMap is Map for a function that can fail. The first error stops the
// job and is returned by the action, wrapped with the partition number,
// the way a failed Spark task fails the job.
func TryMap[T, U any](r *RDD[T], f func(T) (U, error)) *RDD[U] {
	return &RDD[U]{parts: r.parts, compute: func(ctx context.Context, p int, emit func(U) error) error {
		return r.compute(ctx, p, func(v T) error {
			u, err := f(v)
			if err != nil {
				return err
			}
			return emit(u)
		})
	}}
}

// FlatMap applies f to every element and flattens the results; f returns an
// iterator, so words.Words fits as is: rdd.FlatMap(lines, words.Words).
func FlatMap[T, U any](r *RDD[T], f func(T) iter.Seq[U]) *RDD[U] {
	return &RDD[U]{parts: r.parts, compute: func(ctx context.Context, p int, emit func(U) error) error {
		return r.compute(ctx, p, func(v T) error {
			for u := range f(v) {
				if err := emit(u); err != nil {
					return err
				}
			}
			return nil
		})
	}}
}

// Filter keeps the elements for which keep returns true.
func (r *RDD[T]) Filter(keep func(T) bool) *RDD[T] {
	return &RDD[T]{parts: r.parts, compute: func(ctx context.Context, p int, emit func(T) error) error {
		return r.compute(ctx, p, func(v T) error {
			if keep(v) {
				return emit(v)
			}
			return nil
		})
	}}
}

// Union concatenates two RDDs without a shuffle: the result simply has the
// partitions of r followed by those of other (duplicates are kept).
func (r *RDD[T]) Union(other *RDD[T]) *RDD[T] {
	return &RDD[T]{parts: r.parts + other.parts, compute: func(ctx context.Context, p int, emit func(T) error) error {
		if p < r.parts {
			return r.compute(ctx, p, emit)
		}
		return other.compute(ctx, p-r.parts, emit)
	}}
}

// runPartitions runs task for partitions 0..n-1, at most GOMAXPROCS at a
// time. The first failure cancels the others and is returned; a panic in
// user code becomes an error instead of crashing the program.
func runPartitions(ctx context.Context, n int, task func(ctx context.Context, part int) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var (
		wg    sync.WaitGroup
		once  sync.Once
		first error
	)
	for p := range n {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			if ctx.Err() != nil {
				return
			}
			if err := safely(ctx, p, task); err != nil {
				once.Do(func() { first = err; cancel() })
			}
		})
	}
	wg.Wait()
	if first != nil {
		return first
	}
	return ctx.Err()
}

func safely(ctx context.Context, p int, task func(context.Context, int) error) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("partition %d: panic: %v", p, v)
		}
	}()
	if err := task(ctx, p); err != nil {
		return fmt.Errorf("partition %d: %w", p, err)
	}
	return nil
}

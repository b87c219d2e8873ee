package rdd

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Actions run the job: only here is any element computed.

// Collect returns all elements, partition by partition. Like Spark's
// collect it brings everything into memory: use it on small results.
func (r *RDD[T]) Collect(ctx context.Context) ([]T, error) {
	parts := make([][]T, r.parts)
	err := runPartitions(ctx, r.parts, func(ctx context.Context, p int) error {
		return r.compute(ctx, p, func(v T) error { parts[p] = append(parts[p], v); return nil })
	})
	if err != nil {
		return nil, err
	}
	var all []T
	for _, part := range parts {
		all = append(all, part...)
	}
	return all, nil
}

// Count returns the number of elements.
func (r *RDD[T]) Count(ctx context.Context) (int, error) {
	counts := make([]int, r.parts)
	err := runPartitions(ctx, r.parts, func(ctx context.Context, p int) error {
		return r.compute(ctx, p, func(T) error { counts[p]++; return nil })
	})
	total := 0
	for _, c := range counts {
		total += c
	}
	return total, err
}

// errEnough stops a partition early once Take has what it needs.
var errEnough = errors.New("enough elements")

// Take returns the first n elements. Like Spark it scans partitions one
// after the other and stops as soon as it has n, so Take(1) on a huge RDD
// computes only (part of) its first partition.
func (r *RDD[T]) Take(ctx context.Context, n int) ([]T, error) {
	var out []T
	for p := 0; p < r.parts && len(out) < n; p++ {
		err := safely(ctx, p, func(ctx context.Context, p int) error {
			return r.compute(ctx, p, func(v T) error {
				out = append(out, v)
				if len(out) >= n {
					return errEnough
				}
				return nil
			})
		})
		if err != nil && !errors.Is(err, errEnough) {
			return nil, err
		}
	}
	return out, nil
}

// First returns the first element, or ErrEmpty.
func (r *RDD[T]) First(ctx context.Context) (T, error) {
	var zero T
	got, err := r.Take(ctx, 1)
	if err != nil {
		return zero, err
	}
	if len(got) == 0 {
		return zero, ErrEmpty
	}
	return got[0], nil
}

// Foreach calls f on every element for its side effect. Partitions run in
// parallel, so f must be safe for concurrent use.
func (r *RDD[T]) Foreach(ctx context.Context, f func(T)) error {
	return runPartitions(ctx, r.parts, func(ctx context.Context, p int) error {
		return r.compute(ctx, p, func(v T) error { f(v); return nil })
	})
}

// Reduce combines all elements with f, which must be associative and
// commutative: each partition is reduced on its own, then the partial
// results are combined. It returns ErrEmpty for an empty RDD.
func (r *RDD[T]) Reduce(ctx context.Context, f func(T, T) T) (T, error) {
	type partial struct {
		v  T
		ok bool
	}
	partials := make([]partial, r.parts)
	err := runPartitions(ctx, r.parts, func(ctx context.Context, p int) error {
		return r.compute(ctx, p, func(v T) error {
			if partials[p].ok {
				partials[p].v = f(partials[p].v, v)
			} else {
				partials[p] = partial{v, true}
			}
			return nil
		})
	})
	var acc partial
	if err != nil {
		return acc.v, err
	}
	for _, pr := range partials {
		switch {
		case !pr.ok:
		case acc.ok:
			acc.v = f(acc.v, pr.v)
		default:
			acc = pr
		}
	}
	if !acc.ok {
		return acc.v, ErrEmpty
	}
	return acc.v, nil
}

// SaveAsTextFile writes one file per partition, dir/part-00000 and so on,
// each element on its own line (formatted with fmt.Print), then an empty
// dir/_SUCCESS as Hadoop does. Like Spark it refuses an existing dir.
//
// _SUCCESS promises that the parts are complete, so it is written only once
// every part file and the directory entries naming them are on disk (fsync);
// then _SUCCESS and the directory are synced too. Without that, a crash can
// leave a _SUCCESS beside parts that are empty or missing.
func (r *RDD[T]) SaveAsTextFile(ctx context.Context, dir string) error {
	if err := os.Mkdir(dir, 0o755); err != nil {
		return fmt.Errorf("save as text file: %w", err)
	}
	err := runPartitions(ctx, r.parts, func(ctx context.Context, p int) error {
		path := filepath.Join(dir, fmt.Sprintf("part-%05d", p))
		f, err := os.Create(path)
		if err != nil {
			return err
		}
		w := bufio.NewWriter(f)
		err = r.compute(ctx, p, func(v T) error { _, err := fmt.Fprintln(w, v); return err })
		if err == nil {
			err = w.Flush()
		}
		if err == nil {
			err = fsync(f)
		}
		if err = errors.Join(err, f.Close()); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := syncDir(dir); err != nil {
		return err
	}
	success := filepath.Join(dir, "_SUCCESS")
	f, err := os.Create(success)
	if err != nil {
		return err
	}
	if err := errors.Join(fsync(f), f.Close()); err != nil {
		return fmt.Errorf("write %s: %w", success, err)
	}
	return syncDir(dir)
}

// fsync makes a file's data, or a directory's entries, durable. A variable
// so that a test can watch the order of the syncs.
var fsync = (*os.File).Sync

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	if err := errors.Join(fsync(d), d.Close()); err != nil {
		return fmt.Errorf("sync directory %s: %w", dir, err)
	}
	return nil
}

// CountByValue returns how often each distinct element occurs: the action
// the Python original's word count ends with. (A function, not a method: T must be
// comparable to be a map key.)
func CountByValue[T comparable](ctx context.Context, r *RDD[T]) (map[T]int, error) {
	pairs := Map(r, func(v T) Pair[T, int] { return Pair[T, int]{v, 1} })
	counts, err := ReduceByKey(pairs, func(a, b int) int { return a + b }, r.parts).Collect(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[T]int, len(counts))
	for _, kv := range counts {
		out[kv.Key] = kv.Value
	}
	return out, nil
}

package rdd

import (
	"cmp"
	"context"
	"hash/maphash"
	"reflect"
	"slices"
	"sync"
)

// Pair is a key-value element, Spark's (k, v) tuple. The "ByKey" functions
// work on RDDs of Pairs.
type Pair[K, V any] struct {
	Key   K
	Value V
}

// Both holds the values of the two sides of a Join (one each) or a Cogroup
// (all of them) for one key.
type Both[L, R any] struct {
	Left  L
	Right R
}

// seed makes the hash partitioner the same for every shuffle in the process,
// so two RDDs shuffled into the same number of partitions put a key in the
// same partition: that is what lets Cogroup and Join zip them.
var seed = maphash.MakeSeed()

func partitionOf[K comparable](k K, n int) int {
	return int(maphash.Comparable(seed, k) % uint64(n))
}

// stage runs the map side of a shuffle once, at the first action that needs
// it, and keeps the result for later actions (Spark keeps shuffle files on
// disk for the same reason). A failed run is not kept, so it can be retried.
type stage[T any] struct {
	mu   sync.Mutex
	done bool
	out  T
}

func (s *stage[T]) get(ctx context.Context, run func(context.Context) (T, error)) (T, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.done {
		out, err := run(ctx)
		if err != nil {
			return out, err
		}
		s.out, s.done = out, true
	}
	return s.out, nil
}

// CombineByKey is the general shuffle that ReduceByKey and GroupByKey are
// built on, as in Spark: every map task folds its values per key into a
// combiner C (createCombiner, then mergeValue) and splits the combiners into
// numPartitions buckets by a hash of the key; reduce task i then merges
// bucket i of every map task (mergeCombiners).
//
// The map side runs once and is kept for later actions, so mergeCombiners
// must not modify its arguments, and every action gets its own copy of a
// combiner that is a slice or a map (the top level only: see detach), the
// way each Spark action reads the shuffle files afresh. Changing a result
// never changes what a later action returns.
func CombineByKey[K comparable, V, C any](r *RDD[Pair[K, V]], createCombiner func(V) C,
	mergeValue func(C, V) C, mergeCombiners func(C, C) C, numPartitions int) *RDD[Pair[K, C]] {
	n := max(numPartitions, 1)
	var st stage[[][]map[K]C] // [map task][bucket]
	mapSide := func(ctx context.Context) ([][]map[K]C, error) {
		out := make([][]map[K]C, r.parts)
		err := runPartitions(ctx, r.parts, func(ctx context.Context, p int) error {
			buckets := make([]map[K]C, n)
			for i := range buckets {
				buckets[i] = map[K]C{}
			}
			out[p] = buckets
			return r.compute(ctx, p, func(kv Pair[K, V]) error {
				b := buckets[partitionOf(kv.Key, n)]
				if c, ok := b[kv.Key]; ok {
					b[kv.Key] = mergeValue(c, kv.Value)
				} else {
					b[kv.Key] = createCombiner(kv.Value)
				}
				return nil
			})
		})
		return out, err
	}
	return &RDD[Pair[K, C]]{parts: n, compute: func(ctx context.Context, p int, emit func(Pair[K, C]) error) error {
		tasks, err := st.get(ctx, mapSide)
		if err != nil {
			return err
		}
		merged := map[K]C{}
		for _, buckets := range tasks {
			for k, c := range buckets[p] {
				if m, ok := merged[k]; ok {
					merged[k] = mergeCombiners(m, c)
				} else {
					merged[k] = c
				}
			}
		}
		for k, c := range merged {
			if err := emit(Pair[K, C]{k, detach(c)}); err != nil {
				return err
			}
		}
		return nil
	}}
}

// detach returns c with its top level copied when C is a slice or a map, so
// that a result handed to the caller shares no storage with the kept map
// side of a shuffle. Other types are returned as they are: values need no
// copy, and deeper structures (a slice of slices) are the caller's to copy.
func detach[C any](c C) C {
	v := reflect.ValueOf(&c).Elem()
	switch {
	case v.Kind() == reflect.Slice && !v.IsNil():
		cp := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		reflect.Copy(cp, v)
		v.Set(cp)
	case v.Kind() == reflect.Map && !v.IsNil():
		cp := reflect.MakeMapWithSize(v.Type(), v.Len())
		for it := v.MapRange(); it.Next(); {
			cp.SetMapIndex(it.Key(), it.Value())
		}
		v.Set(cp)
	}
	return c
}

// ReduceByKey merges the values of each key with f (associative and
// commutative). Values are pre-reduced inside each map task, so only one
// value per key and task crosses the shuffle.
func ReduceByKey[K comparable, V any](r *RDD[Pair[K, V]], f func(V, V) V, numPartitions int) *RDD[Pair[K, V]] {
	id := func(v V) V { return v }
	return CombineByKey(r, id, f, f, numPartitions)
}

// GroupByKey gathers all values of each key into a slice. Every value
// crosses the shuffle: prefer ReduceByKey when you only need an aggregate.
func GroupByKey[K comparable, V any](r *RDD[Pair[K, V]], numPartitions int) *RDD[Pair[K, []V]] {
	return CombineByKey(r,
		func(v V) []V { return []V{v} },
		func(vs []V, v V) []V { return append(vs, v) },
		func(a, b []V) []V { return slices.Concat(a, b) }, // never append to a: it belongs to the kept map side
		numPartitions)
}

// Cogroup groups two RDDs by key: for every key present in either, all its
// values from each side. Both sides are shuffled with the same partitioner,
// so partition i of the result only needs partition i of each.
func Cogroup[K comparable, V, W any](a *RDD[Pair[K, V]], b *RDD[Pair[K, W]], numPartitions int) *RDD[Pair[K, Both[[]V, []W]]] {
	left, right := GroupByKey(a, numPartitions), GroupByKey(b, numPartitions)
	return &RDD[Pair[K, Both[[]V, []W]]]{parts: left.parts, compute: func(ctx context.Context, p int, emit func(Pair[K, Both[[]V, []W]]) error) error {
		groups := map[K]*Both[[]V, []W]{}
		var order []K
		group := func(k K) *Both[[]V, []W] {
			g, ok := groups[k]
			if !ok {
				g = &Both[[]V, []W]{}
				groups[k] = g
				order = append(order, k)
			}
			return g
		}
		if err := left.compute(ctx, p, func(kv Pair[K, []V]) error { group(kv.Key).Left = kv.Value; return nil }); err != nil {
			return err
		}
		if err := right.compute(ctx, p, func(kw Pair[K, []W]) error { group(kw.Key).Right = kw.Value; return nil }); err != nil {
			return err
		}
		for _, k := range order {
			if err := emit(Pair[K, Both[[]V, []W]]{k, *groups[k]}); err != nil {
				return err
			}
		}
		return nil
	}}
}

// Join is the inner join: one element per matching pair of values, for keys
// present on both sides. Like Spark it is a Cogroup followed by a cross
// product per key.
func Join[K comparable, V, W any](a *RDD[Pair[K, V]], b *RDD[Pair[K, W]], numPartitions int) *RDD[Pair[K, Both[V, W]]] {
	cg := Cogroup(a, b, numPartitions)
	return &RDD[Pair[K, Both[V, W]]]{parts: cg.parts, compute: func(ctx context.Context, p int, emit func(Pair[K, Both[V, W]]) error) error {
		return cg.compute(ctx, p, func(g Pair[K, Both[[]V, []W]]) error {
			for _, v := range g.Value.Left {
				for _, w := range g.Value.Right {
					if err := emit(Pair[K, Both[V, W]]{g.Key, Both[V, W]{v, w}}); err != nil {
						return err
					}
				}
			}
			return nil
		})
	}}
}

// Distinct removes duplicate elements (a ReduceByKey on the element itself).
func Distinct[T comparable](r *RDD[T], numPartitions int) *RDD[T] {
	pairs := Map(r, func(v T) Pair[T, struct{}] { return Pair[T, struct{}]{Key: v} })
	unique := ReduceByKey(pairs, func(a, _ struct{}) struct{} { return a }, numPartitions)
	return Map(unique, func(kv Pair[T, struct{}]) T { return kv.Key })
}

// SortByKey sorts by key into numPartitions partitions holding consecutive
// key ranges, so Collect returns the whole RDD in order. Spark samples the
// keys to pick the range boundaries and sorts each range in parallel; this
// model simply sorts everything once, at the first action, which is fine
// for one machine's memory and keeps the code short.
func SortByKey[K cmp.Ordered, V any](r *RDD[Pair[K, V]], ascending bool, numPartitions int) *RDD[Pair[K, V]] {
	n := max(numPartitions, 1)
	var st stage[[]Pair[K, V]]
	sortAll := func(ctx context.Context) ([]Pair[K, V], error) {
		all, err := r.Collect(ctx)
		slices.SortStableFunc(all, func(a, b Pair[K, V]) int {
			if ascending {
				return cmp.Compare(a.Key, b.Key)
			}
			return cmp.Compare(b.Key, a.Key)
		})
		return all, err
	}
	return &RDD[Pair[K, V]]{parts: n, compute: func(ctx context.Context, p int, emit func(Pair[K, V]) error) error {
		all, err := st.get(ctx, sortAll)
		if err != nil {
			return err
		}
		for _, kv := range all[len(all)*p/n : len(all)*(p+1)/n] {
			if err := emit(kv); err != nil {
				return err
			}
		}
		return nil
	}}
}

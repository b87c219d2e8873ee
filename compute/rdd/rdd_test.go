package rdd

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"iter"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
)

var ctx = context.Background()

func must[T any](t *testing.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func sortedPairs[K cmp.Ordered, V any](ps []Pair[K, V]) []Pair[K, V] {
	return slices.SortedFunc(slices.Values(ps), func(a, b Pair[K, V]) int { return cmp.Compare(a.Key, b.Key) })
}

func TestNothingRunsBeforeAnAction(t *testing.T) {
	var calls atomic.Int64
	nums := Parallelize(slices.Collect(func(yield func(int) bool) {
		for i := range 100 {
			if !yield(i) {
				return
			}
		}
	}), 4)
	squares := Map(nums, func(n int) int { calls.Add(1); return n * n })
	pairs := Map(squares.Filter(func(n int) bool { return n%2 == 0 }), func(n int) Pair[int, int] { return Pair[int, int]{n % 10, n} })
	sums := SortByKey(ReduceByKey(pairs, func(a, b int) int { return a + b }, 3), true, 2)
	missing := TextFile(filepath.Join(t.TempDir(), "does-not-exist.txt"), 2) // not opened yet

	if calls.Load() != 0 {
		t.Fatalf("%d calls before any action", calls.Load())
	}
	got := must[[]Pair[int, int]](t)(sums.Collect(ctx))
	if calls.Load() != 100 {
		t.Errorf("the action made %d calls, want 100", calls.Load())
	}
	want := []Pair[int, int]{{0, 0 + 100 + 400 + 900 + 1600 + 2500 + 3600 + 4900 + 6400 + 8100}}
	if got[0] != want[0] || len(got) != 3 || got[1].Key != 4 || got[2].Key != 6 { // even squares end in 0, 4 or 6
		t.Errorf("got %v", got)
	}
	if _, err := missing.Count(ctx); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: err = %v, want os.ErrNotExist from the action", err)
	}
}

func TestPartitionCounts(t *testing.T) {
	data := []string{"a", "b", "c", "d", "e", "f", "g"}
	r := Parallelize(data, 3)
	pairs := Map(r, func(s string) Pair[string, int] { return Pair[string, int]{s, 1} })
	for name, tc := range map[string]struct{ got, want int }{
		"parallelize":   {r.NumPartitions(), 3},
		"map (narrow)":  {pairs.NumPartitions(), 3},
		"filter":        {r.Filter(func(string) bool { return true }).NumPartitions(), 3},
		"union adds up": {r.Union(Parallelize(data, 2)).NumPartitions(), 5},
		"reduceByKey":   {ReduceByKey(pairs, func(a, b int) int { return a + b }, 4).NumPartitions(), 4},
		"groupByKey":    {GroupByKey(pairs, 2).NumPartitions(), 2},
		"sortByKey":     {SortByKey(pairs, true, 5).NumPartitions(), 5},
		"at least one":  {Parallelize(data, 0).NumPartitions(), 1},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: %d partitions, want %d", name, tc.got, tc.want)
		}
	}
	// Each partition becomes one file: 3 files, contiguous slices of the input.
	dir := filepath.Join(t.TempDir(), "out")
	if err := r.SaveAsTextFile(ctx, dir); err != nil {
		t.Fatal(err)
	}
	var parts []string
	for _, name := range []string{"part-00000", "part-00001", "part-00002"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, string(b))
	}
	if want := []string{"a\nb\n", "c\nd\n", "e\nf\ng\n"}; !slices.Equal(parts, want) {
		t.Errorf("partition files %q, want %q", parts, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "_SUCCESS")); err != nil {
		t.Error(err)
	}
	if err := r.SaveAsTextFile(ctx, dir); err == nil {
		t.Error("saving into an existing directory did not fail")
	}
}

func TestTransformations(t *testing.T) {
	lines := Parallelize([]string{"to be or", "not to be", "", "be"}, 2)
	words := FlatMap(lines, func(l string) iter.Seq[string] { return slices.Values(strings.Fields(l)) })
	if got := must[[]string](t)(words.Collect(ctx)); !slices.Equal(got, []string{"to", "be", "or", "not", "to", "be", "be"}) {
		t.Errorf("FlatMap: %q", got)
	}
	if got := must[[]string](t)(Distinct(words, 3).Collect(ctx)); !slices.Equal(slices.Sorted(slices.Values(got)), []string{"be", "not", "or", "to"}) {
		t.Errorf("Distinct: %q", got)
	}
	ones := Map(words, func(w string) Pair[string, int] { return Pair[string, int]{w, 1} })
	counts := sortedPairs(must[[]Pair[string, int]](t)(ReduceByKey(ones, func(a, b int) int { return a + b }, 2).Collect(ctx)))
	if want := []Pair[string, int]{{"be", 3}, {"not", 1}, {"or", 1}, {"to", 2}}; !slices.Equal(counts, want) {
		t.Errorf("ReduceByKey: %v", counts)
	}
	groups := sortedPairs(must[[]Pair[string, []int]](t)(GroupByKey(ones, 2).Collect(ctx)))
	if len(groups) != 4 || len(groups[0].Value) != 3 || groups[0].Key != "be" {
		t.Errorf("GroupByKey: %v", groups)
	}
	byCount := Map(ReduceByKey(ones, func(a, b int) int { return a + b }, 2), func(p Pair[string, int]) Pair[int, string] { return Pair[int, string]{p.Value, p.Key} })
	desc := must[[]Pair[int, string]](t)(SortByKey(byCount, false, 3).Collect(ctx))
	if keys := slices.Collect(func(yield func(int) bool) {
		for _, p := range desc {
			yield(p.Key)
		}
	}); !slices.Equal(keys, []int{3, 2, 1, 1}) {
		t.Errorf("SortByKey descending: %v", desc)
	}
	u := must[[]int](t)(Parallelize([]int{1, 2}, 1).Union(Parallelize([]int{2, 3}, 2)).Collect(ctx))
	if !slices.Equal(u, []int{1, 2, 2, 3}) {
		t.Errorf("Union: %v (keeps duplicates, in partition order)", u)
	}
}

func TestJoinAndCogroup(t *testing.T) {
	users := Parallelize([]Pair[int, string]{{1, "ann"}, {2, "bob"}, {3, "cyd"}}, 2)
	orders := Parallelize([]Pair[int, string]{{1, "book"}, {1, "pen"}, {3, "tea"}, {4, "orphan"}}, 3)

	joined := must[[]Pair[int, Both[string, string]]](t)(Join(users, orders, 2).Collect(ctx))
	var got []string
	for _, j := range joined {
		got = append(got, fmt.Sprintf("%d:%s:%s", j.Key, j.Value.Left, j.Value.Right))
	}
	slices.Sort(got)
	if want := []string{"1:ann:book", "1:ann:pen", "3:cyd:tea"}; !slices.Equal(got, want) {
		t.Errorf("Join = %q, want %q (inner join: bob and the orphan order drop out)", got, want)
	}

	cg := must[[]Pair[int, Both[[]string, []string]]](t)(Cogroup(users, orders, 3).Collect(ctx))
	byKey := map[int]string{}
	for _, g := range cg {
		r := slices.Clone(g.Value.Right)
		slices.Sort(r)
		byKey[g.Key] = fmt.Sprint(g.Value.Left, r)
	}
	want := map[int]string{1: "[ann] [book pen]", 2: "[bob] []", 3: "[cyd] [tea]", 4: "[] [orphan]"}
	if !maps.Equal(byKey, want) {
		t.Errorf("Cogroup = %v, want %v", byKey, want)
	}
}

func TestActions(t *testing.T) {
	var computed atomic.Int64
	r := Map(Parallelize([]int{5, 1, 4, 2, 3, 6}, 3), func(n int) int { computed.Add(1); return n })
	if n := must[int](t)(r.Count(ctx)); n != 6 {
		t.Errorf("Count = %d", n)
	}
	computed.Store(0)
	if got := must[[]int](t)(r.Take(ctx, 3)); !slices.Equal(got, []int{5, 1, 4}) {
		t.Errorf("Take(3) = %v", got)
	}
	if computed.Load() != 3 { // partitions 0 and 1 of 3, and partition 1 stopped early
		t.Errorf("Take(3) computed %d elements, want 3", computed.Load())
	}
	if first := must[int](t)(r.First(ctx)); first != 5 {
		t.Errorf("First = %d", first)
	}
	if sum := must[int](t)(r.Reduce(ctx, func(a, b int) int { return a + b })); sum != 21 {
		t.Errorf("Reduce = %d", sum)
	}
	var seen atomic.Int64
	if err := r.Foreach(ctx, func(n int) { seen.Add(int64(n)) }); err != nil || seen.Load() != 21 {
		t.Errorf("Foreach: sum %d, err %v", seen.Load(), err)
	}
	counts := must[map[string]int](t)(CountByValue(ctx, Parallelize(strings.Fields("a b a c a"), 2)))
	if !maps.Equal(counts, map[string]int{"a": 3, "b": 1, "c": 1}) {
		t.Errorf("CountByValue = %v", counts)
	}

	empty := Parallelize([]int{}, 2)
	if _, err := empty.First(ctx); !errors.Is(err, ErrEmpty) {
		t.Errorf("First on empty: %v", err)
	}
	if _, err := empty.Reduce(ctx, func(a, b int) int { return a + b }); !errors.Is(err, ErrEmpty) {
		t.Errorf("Reduce on empty: %v", err)
	}
}

var errBadRecord = errors.New("bad record")

func TestErrorsSurfaceFromTheAction(t *testing.T) {
	nums := Parallelize([]int{1, 2, 3, 4, 5, 6, 7, 8}, 4)
	failing := TryMap(nums, func(n int) (int, error) {
		if n == 7 {
			return 0, fmt.Errorf("record %d: %w", n, errBadRecord)
		}
		return n, nil
	})
	pairs := Map(failing, func(n int) Pair[int, int] { return Pair[int, int]{n % 2, n} })
	shuffled := ReduceByKey(pairs, func(a, b int) int { return a + b }, 2) // the error crosses a shuffle

	_, err := shuffled.Collect(ctx)
	if !errors.Is(err, errBadRecord) || !strings.Contains(err.Error(), "partition 3") {
		t.Errorf("Collect: err = %v, want errBadRecord from partition 3", err)
	}
	if _, err := failing.Count(ctx); !errors.Is(err, errBadRecord) {
		t.Errorf("Count: err = %v", err)
	}

	panicky := Map(nums, func(n int) int { return 10 / (n - 3) }) // divides by zero at n == 3
	if _, err := panicky.Collect(ctx); err == nil || !strings.Contains(err.Error(), "panic") {
		t.Errorf("a panicking function: err = %v, want a panic turned into an error", err)
	}
	if _, err := panicky.Take(ctx, 5); err == nil {
		t.Error("Take: the panic did not surface")
	}
}

func TestTextFileSplitsOnLines(t *testing.T) {
	long := strings.Repeat("x", 200_000)
	for name, content := range map[string]string{
		"empty":                "",
		"no trailing newline":  "one\ntwo\nthree",
		"empty lines and crlf": "a\r\n\r\n\nb\r\nc\n",
		"long line":            "short\n" + long + "\nend\n",
		"one char lines":       strings.Repeat("z\n", 50),
	} {
		path := filepath.Join(t.TempDir(), "in.txt")
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		want := strings.Split(strings.ReplaceAll(content, "\r\n", "\n"), "\n")
		if want[len(want)-1] == "" {
			want = want[:len(want)-1]
		}
		for _, n := range []int{1, 2, 3, 7, 64} {
			got := must[[]string](t)(TextFile(path, n).Collect(ctx))
			if !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
				t.Errorf("%s, %d partitions: %d lines %.60q, want %d lines %.60q", name, n, len(got), got, len(want), want)
			}
		}
	}
}

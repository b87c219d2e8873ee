package rdd

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// TestShuffleResultsAreNotShared: the map side of a shuffle is kept for
// later actions, so an action must not hand out the kept slices themselves:
// a caller that changes a result (sorts it, overwrites an element) would
// change what every later action returns. (Issue 13, item 17.)
func TestShuffleResultsAreNotShared(t *testing.T) {
	groups := GroupByKey(Parallelize([]Pair[string, int]{{"a", 1}, {"b", 2}, {"a", 3}}, 1), 1)
	first := must[[]Pair[string, []int]](t)(groups.Collect(ctx))
	for _, g := range first {
		g.Value[0] = -1
	}
	again := sortedPairs(must[[]Pair[string, []int]](t)(groups.Collect(ctx)))
	if len(again) != 2 || !slices.Equal(again[0].Value, []int{1, 3}) || !slices.Equal(again[1].Value, []int{2}) {
		t.Errorf("GroupByKey after changing the first result: %v, want [{a [1 3]} {b [2]}]", again)
	}

	concat := func(a, b []int) []int { return slices.Concat(a, b) }
	lists := ReduceByKey(Parallelize([]Pair[string, []int]{{"a", []int{1}}, {"a", []int{2}}, {"b", []int{3}}}, 2), concat, 1)
	for _, kv := range must[[]Pair[string, []int]](t)(lists.Collect(ctx)) {
		kv.Value[0] = -1
	}
	again2 := sortedPairs(must[[]Pair[string, []int]](t)(lists.Collect(ctx)))
	if len(again2) != 2 || slices.Contains(again2[0].Value, -1) || !slices.Equal(again2[1].Value, []int{3}) {
		t.Errorf("ReduceByKey after changing the first result: %v, want [{a [1 2]} {b [3]}] (a in any order)", again2)
	}

	cg := Cogroup(Parallelize([]Pair[int, string]{{1, "x"}}, 1), Parallelize([]Pair[int, string]{{1, "y"}}, 1), 1)
	for _, g := range must[[]Pair[int, Both[[]string, []string]]](t)(cg.Collect(ctx)) {
		g.Value.Left[0], g.Value.Right[0] = "changed", "changed"
	}
	if got := must[[]Pair[int, Both[[]string, []string]]](t)(cg.Collect(ctx)); got[0].Value.Left[0] != "x" || got[0].Value.Right[0] != "y" {
		t.Errorf("Cogroup after changing the first result: %v", got)
	}
}

// TestSaveAsTextFileSyncsBeforeSuccess: _SUCCESS promises that the part
// files are complete, so they and the directory entries naming them must
// be on disk (fsync) before _SUCCESS is written; otherwise a crash can leave
// a _SUCCESS beside empty or missing parts. (Issue 13, item 17.)
func TestSaveAsTextFileSyncsBeforeSuccess(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	var (
		mu     sync.Mutex
		before []string // synced before _SUCCESS existed
		after  []string
	)
	saved := fsync
	t.Cleanup(func() { fsync = saved })
	fsync = func(f *os.File) error {
		_, err := os.Stat(filepath.Join(dir, "_SUCCESS"))
		mu.Lock()
		defer mu.Unlock()
		if err == nil {
			after = append(after, f.Name())
		} else {
			before = append(before, f.Name())
		}
		return f.Sync()
	}
	if err := Parallelize(strings.Fields("a b c d e"), 3).SaveAsTextFile(ctx, dir); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"part-00000", "part-00001", "part-00002", ""} {
		if !slices.Contains(before, filepath.Join(dir, want)) {
			t.Errorf("%q was not synced before _SUCCESS was written (synced before: %q)", filepath.Join(dir, want), before)
		}
	}
	if want := []string{filepath.Join(dir, "_SUCCESS"), dir}; !slices.Equal(after, want) {
		t.Errorf("synced after _SUCCESS was written: %q, want %q", after, want)
	}

	// A failed sync fails the job and leaves no _SUCCESS.
	errDisk := errors.New("disk full")
	fsync = func(*os.File) error { return errDisk }
	dir2 := filepath.Join(t.TempDir(), "out")
	if err := Parallelize([]int{1}, 1).SaveAsTextFile(ctx, dir2); !errors.Is(err, errDisk) {
		t.Errorf("err = %v, want the sync error", err)
	}
	if _, err := os.Stat(filepath.Join(dir2, "_SUCCESS")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("_SUCCESS after a failed sync: %v", err)
	}
}

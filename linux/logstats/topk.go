package logstats

import (
	"cmp"
	"container/heap"
	"slices"
)

// TopK counts how often each key occurs in at most Capacity counters: the
// Space-Saving algorithm (Metwally, Agrawal, El Abbadi, 2005). While there are
// no more distinct keys than counters, every count is exact. After that, a new
// key takes over the counter with the smallest count m and starts at m+1,
// remembering m as its possible overcount. Any key that occurs more than n/Capacity
// times (n: keys added) is guaranteed to hold a counter, and each reported
// count is at most Err too high. Memory: Capacity keys of at most MaxKey bytes.
type TopK struct {
	capacity int
	index    map[string]*counter
	heap     counterHeap // built when the counters are all in use; nil before
	evicted  bool
}

// MaxKey is the longest key TopK keeps; longer keys are cut to it.
const MaxKey = 256

type counter struct {
	key   string
	count uint64
	err   uint64 // possible overcount (0: exact)
	pos   int    // in the heap
}

// Entry is one key and its count as TopK reports it.
type Entry struct {
	Key   string
	Count uint64 // exact when Err is 0; otherwise true count is in [Count-Err, Count]
	Err   uint64
}

// NewTopK returns a TopK with capacity counters (at least 1).
func NewTopK(capacity int) *TopK {
	capacity = max(capacity, 1)
	return &TopK{capacity: capacity, index: make(map[string]*counter, min(capacity, 1024))}
}

// Add counts one occurrence of key. key may be reused by the caller afterwards.
func (t *TopK) Add(key []byte) {
	if len(key) > MaxKey {
		key = key[:MaxKey]
	}
	if c, ok := t.index[string(key)]; ok { // no allocation for the lookup
		c.count++
		if t.heap != nil {
			heap.Fix(&t.heap, c.pos)
		}
		return
	}
	if len(t.index) < t.capacity {
		t.index[string(key)] = &counter{key: string(key), count: 1}
		return
	}
	if t.heap == nil {
		t.heap = make(counterHeap, 0, len(t.index))
		for _, c := range t.index {
			c.pos = len(t.heap)
			t.heap = append(t.heap, c)
		}
		heap.Init(&t.heap)
	}
	// Replace the smallest counter: the newcomer may have occurred up to
	// min times before without being counted.
	c := t.heap[0]
	delete(t.index, c.key)
	t.evicted = true
	c.key, c.err = string(key), c.count
	c.count++
	t.index[c.key] = c
	heap.Fix(&t.heap, 0)
}

// Exact reports whether every count is exact (no counter was ever reused).
func (t *TopK) Exact() bool { return !t.evicted }

// Top returns the n largest counts, ties by key in byte order (as `sort`
// under LC_ALL=C orders them).
func (t *TopK) Top(n int) []Entry {
	all := make([]Entry, 0, len(t.index))
	for _, c := range t.index {
		all = append(all, Entry{Key: c.key, Count: c.count, Err: c.err})
	}
	slices.SortFunc(all, func(a, b Entry) int {
		if c := cmp.Compare(b.Count, a.Count); c != 0 {
			return c
		}
		return cmp.Compare(a.Key, b.Key)
	})
	return all[:min(n, len(all))]
}

// counterHeap is a min-heap of counters by count.
type counterHeap []*counter

func (h counterHeap) Len() int           { return len(h) }
func (h counterHeap) Less(i, j int) bool { return h[i].count < h[j].count }
func (h counterHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].pos, h[j].pos = i, j
}
func (h *counterHeap) Push(x any) { panic("fixed size") }
func (h *counterHeap) Pop() any   { panic("fixed size") }

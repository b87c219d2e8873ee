package main

import (
	"maps"
	"slices"
	"testing"
)

// TestMapOrderIsNotGuaranteed shows why main sorts keys before printing: the
// runtime randomises where each range over a map starts, so two loops over
// the same unchanged map usually visit keys in different orders.
func TestMapOrderIsNotGuaranteed(t *testing.T) {
	m := make(map[int]bool)
	for i := range 16 {
		m[i] = true
	}
	first := slices.Collect(maps.Keys(m))
	for range 100 {
		if !slices.Equal(first, slices.Collect(maps.Keys(m))) {
			return // a different order: exactly the point
		}
	}
	t.Fatalf("100 iterations of a 16-key map all gave order %v; expected randomised iteration", first)
}

// TestSortedKeysAreStable is the fix: sorting the keys gives one order.
func TestSortedKeysAreStable(t *testing.T) {
	m := map[string]int{"b": 2, "a": 1, "c": 3}
	for range 20 {
		if got := slices.Sorted(maps.Keys(m)); !slices.Equal(got, []string{"a", "b", "c"}) {
			t.Fatalf("sorted keys = %v", got)
		}
	}
}

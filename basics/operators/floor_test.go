package main

import "testing"

// Expected values are what CPython 3 prints for a // b and a % b.
func TestFloorDivModMatchPython(t *testing.T) {
	cases := []struct{ a, b, div, mod int }{
		{7, 2, 3, 1}, {-7, 2, -4, 1}, {7, -2, -4, -1}, {-7, -2, 3, -1},
		{6, 3, 2, 0}, {-6, 3, -2, 0}, {0, -5, 0, 0}, {-1, 10, -1, 9},
	}
	for _, c := range cases {
		if got := floorDiv(c.a, c.b); got != c.div {
			t.Errorf("floorDiv(%d, %d) = %d, Python says %d", c.a, c.b, got, c.div)
		}
		if got := floorMod(c.a, c.b); got != c.mod {
			t.Errorf("floorMod(%d, %d) = %d, Python says %d", c.a, c.b, got, c.mod)
		}
	}
}

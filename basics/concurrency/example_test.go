package main

import (
	"context"
	"os"
)

// Example runs the program and compares its whole output: any change fails the test.
func Example() {
	if err := run(context.Background(), nil, os.Stdout, os.Stderr); err != nil {
		panic(err)
	}
	// Output:
	// ping from a goroutine
	// squares: [0 1 4 9 16]
	// select: timed out after 20ms
	// select: got cached result
	// lengths: [5 4 5 5]
	// count: 100
	// worker pool: [1²=1 2²=4 3²=9 4²=16 5²=25 6²=36 7²=49 8²=64 9²=81 10²=100]
}

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
	// 15
	// divmod(17, 5) = 3 2
	// 9 % 4 = 1
	// 0 6
	// 15
	// 1 2 3 1
	// add 13
	// mul 42
	// [Apple banana cherry] [11 12 13]
	// deferDemo body done, x = 42
	// defer 2
	// defer 1
	// defer 0
	// closure sees x = 42 (read at return)
	// deferred with x = 1 (evaluated at the defer)
}

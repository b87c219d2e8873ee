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
	// (3, 4) 5
	// after ScaleCopy: (3, 4)
	// after Scale:    (6, 8)
	// main.rect area 6.00
	// main.circle area 3.14
	// rect 2 x 3
	// circle r = 1
	// home@(1, 1) 1 true
	// as Stringer: home@(1, 1)
	// [GO PYTHON RUST C] [2 6 4 1]
	// [python rust]
	// 9 2.5 zoo
}

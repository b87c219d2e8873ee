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
	// big number 42
	// sat weekend
	// mon start of week,
	// mon workday
	// wed workday
	// -5 freezing
	// 18 mild
	// 35 hot
	// 0 1 2 | first power of 3 >= 100: 243
	// 0 1 2 | range 3
	// 0=apple 1=banana 2=orange | range slice
	// 0:G 1:o 2:世 | range string
	// got a; got b; channel closed
	// 0 1 1 2 3 5 8 13 21 34 | stopped by break
	// found i*j == 2 at 1 2
}

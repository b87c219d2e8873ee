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
	// initialisation order:
	//   1. greet: package variable greeting
	//   2. greet: init()
	//   3. main: variable base
	//   4. main: variable total (needs base)
	//   5. main: first init()
	//   6. main: second init()
	// total = 42
	// Hello, Gopher! HELLO, GOPHER! greet 1.0
}

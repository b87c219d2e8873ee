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
	// ok: alice 25
	// missing: age of "dave": not found
	// bad value: age of "bob": age=-3 is out of range | field age value -3
	// not a number: age of "carol": strconv.Atoi: parsing "old": invalid syntax | input "old"
	// joined: "not found\nx=200 is out of range", is errNotFound: true
	// fine, no panic
	// safeCall: <nil>
	// safeCall: recovered from panic: runtime error: index out of range [3] with length 0
	// program continues after the recovered panic
}

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
	// [3]int [1 2 3], copy [100 2 3]
	// [1 2 3 a b] 5
	// [1 2 3 4 5]
	// append into cap 2, new array each time? [false false true]
	// shared: [1 2 99 4] [1 2 99]
	// capped: [1 2 3 4] [1 2 99]
	// copy: 2 [1 2]
	// alice: 25 carol: 0
	// carol present? false 0
	// sorted: alice=25
	// sorted: carol=0
	// map[alice:25 carol:0]
	// Alice true
	// {John 30 New York} | {Name:John Age:31 City:New York} | equal: true
	// Hello World!
	// list1 is not empty
	// true 0 [1] true
}

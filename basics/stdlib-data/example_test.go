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
	// json: {"name":"John","age":30,"city":"New York"}
	// json: {Name:Alice Age:25 City:Beijing Tags:[admin] Password:}
	// json: dict1["name"]=Alice, age is float64
	// json error: json: cannot unmarshal string into Go struct field person.age of type int
	// sha256: 2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824
	// gzip: 900 bytes -> 41 bytes -> 900 bytes, identical: true
	// heap: ["deploy" "fix outage" "review PR" "write docs"]
	// slices: [2 2 5 8 9] [2 5 8 9] 2 false 9 3 true
	// maps: [apple kiwi] map[apple:3 kiwi:7]
}

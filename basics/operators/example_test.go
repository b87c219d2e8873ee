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
	// 30 10 8 3.3333333333333335 3 1
	//  7, 2  Go: /  3  %  1   Python: //  3  %  1
	// -7, 2  Go: / -3  % -1   Python: // -4  %  1
	//  7,-2  Go: / -3  %  1   Python: // -4  % -1
	// -7,-2  Go: /  3  % -1   Python: //  3  % -1
	// -4 -1
	// false true false true false true
	// true
	// false true false
	// sideEffect: called because the left side was false
	// condition true
	// || stopped at true
	// a=1100 b=1010  a&b=1000 a|b=1110 a^b=0110 a&^b=0100
	// ^a=11110011  a<<2=00110000  a>>2=0011  1<<10=1024
	// x = 17
}

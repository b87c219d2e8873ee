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
	// 104
	// h
	// or
	// "hello" len=5 runes=5 bytes=68 65 6c 6c 6f
	// "héllo" len=6 runes=5 bytes=68 c3 a9 6c 6c 6f
	// "世界"   len=6 runes=2 bytes=e4 b8 96 e7 95 8c
	// word[0]   = 228 (0xe4), one third of 世
	// word[:2]  = "\xe4\xb8", not valid UTF-8: false
	// word[:3]  = "世"
	// 0:h 1:é 3:l 4:l 5:o
	// runes[1] = é runes[1:3] = él
	// 0-1-2- HELLO ababab
	// [a b c] [x y] true
	// Atoi("42") = 42 <nil>
	// Atoi("42x") error: strconv.Atoi: parsing "42x": invalid syntax
	// 7!
	// 3.333
	// 3.3333333333333335
	// "tab\there \"世界\""
	// "\u4e16\u754c"
}

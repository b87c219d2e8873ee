// Hello says hello. It is the first example.
//
//	go run ./hello -n 2
package main

import "fmt"

// main prints a greeting
// with <angle brackets> kept.

// A second paragraph of the same comment.
func main() {
	//go:noinline is a directive, not a comment
	x := `a raw string
// that looks like a comment`
	fmt.Println("hello, world", x) // a trailing comment stays with the code
}

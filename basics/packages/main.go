// Packages: how Go code is split into packages and modules, who can see
// what, and in which order things are initialised.
//
// A package is a directory of .go files sharing one `package` clause; a
// module (go.mod) is a tree of packages versioned together. Imports use the
// module path plus the directory: this program imports
// example.com/cloudgo/basics/packages/internal/greet, i.e. ./internal/greet.
// Python's `import x` finds modules on sys.path at run time; Go resolves
// every import at compile time and an unused import is a compile error.
package main

import (
	"fmt"

	"example.com/cloudgo/basics/packages/internal/greet"
)

// Package-level variables are initialised in dependency order, not source
// order: total depends on base, so base is computed first even though it
// is declared second.
var (
	total = record("main: variable total (needs base)", base+1)
	base  = record("main: variable base", 41)
)

var steps []string

func record(step string, v int) int {
	steps = append(steps, step)
	return v
}

// A package may have several init functions; they run in source order,
// after all its variables, and after every imported package is fully
// initialised. main.main runs last.
func init() { record("main: first init()", 0) }
func init() { record("main: second init()", 0) }

func main() {
	fmt.Println("initialisation order:")
	for i, step := range append(greet.Log(), steps...) {
		fmt.Printf("  %d. %s\n", i+1, step)
	}
	fmt.Println("total =", total)

	// Only exported (capitalised) names are reachable from here.
	fmt.Println(greet.Hello("Gopher", false), greet.Hello("Gopher", true), "greet", greet.Version)
	// greet.shout("hi") would not compile: "name shout not exported by package greet".
}

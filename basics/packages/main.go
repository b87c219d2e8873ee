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
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"example.com/cloudgo/basics/internal/cli"
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
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("packages", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run prints the lesson. It has no flags (-h says so) and takes no arguments.
func run(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("packages", flag.ContinueOnError)
	fs.SetOutput(stderr)
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return cli.Usagef("unexpected arguments %q: this lesson takes none", fs.Args())
	}
	fmt.Fprintln(stdout, "initialisation order:")
	for i, step := range append(greet.Log(), steps...) {
		fmt.Fprintf(stdout, "  %d. %s\n", i+1, step)
	}
	fmt.Fprintln(stdout, "total =", total)

	// Only exported (capitalised) names are reachable from here.
	fmt.Fprintln(stdout, greet.Hello("Gopher", false), greet.Hello("Gopher", true), "greet", greet.Version)
	// greet.shout("hi") would not compile: "name shout not exported by package greet".
	return nil
}

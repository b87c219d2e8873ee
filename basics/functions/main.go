// Functions: the Python original's my_function, multiple results, variadics, closures,
// functions as values and defer.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"

	"example.com/cloudgo/basics/internal/cli"
)

// myFunction is the Python original's my_function. Parameter and result types are part
// of the signature, so myFunction("5") is a compile error, not a TypeError.
func myFunction(arg int) int {
	return arg + 10
}

// divmod returns two results. Python returns one tuple and unpacks it; Go
// has real multiple results, and they are how errors are returned too.
func divmod(a, b int) (quotient, remainder int) {
	return a / b, a % b
}

// sum is variadic: nums is a []int, like Python's *args.
func sum(nums ...int) int {
	total := 0
	for _, n := range nums {
		total += n
	}
	return total
}

// counter returns a closure. It captures the variable count itself (not a
// copy), so every call sees the previous increment. Python needs `nonlocal`
// for this; in Go assignment to a captured variable just works.
func counter() func() int {
	count := 0
	return func() int {
		count++
		return count
	}
}

// deferDemo shows the two rules of defer: deferred calls run when the
// function returns, last-in first-out, and their arguments are evaluated
// when the defer statement runs, not when the call finally happens.
func deferDemo(w io.Writer) {
	x := 1
	defer fmt.Fprintln(w, "deferred with x =", x, "(evaluated at the defer)")
	defer func() { fmt.Fprintln(w, "closure sees x =", x, "(read at return)") }()
	for i := range 3 {
		defer fmt.Fprintln(w, "defer", i)
	}
	x = 42
	fmt.Fprintln(w, "deferDemo body done, x =", x)
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("functions", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run prints the lesson. It has no flags (-h says so) and takes no arguments.
func run(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("functions", flag.ContinueOnError)
	fs.SetOutput(stderr)
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return cli.Usagef("unexpected arguments %q: this lesson takes none", fs.Args())
	}
	result := myFunction(5)
	fmt.Fprintln(stdout, result)

	q, r := divmod(17, 5)
	fmt.Fprintln(stdout, "divmod(17, 5) =", q, r)
	_, onlyR := divmod(9, 4) // _ discards a result you don't need
	fmt.Fprintln(stdout, "9 % 4 =", onlyR)

	fmt.Fprintln(stdout, sum(), sum(1, 2, 3))
	nums := []int{4, 5, 6}
	fmt.Fprintln(stdout, sum(nums...)) // spread a slice, like Python's sum(*nums)

	next := counter()
	other := counter() // each closure has its own count
	fmt.Fprintln(stdout, next(), next(), next(), other())

	// Functions are values: store them, pass them, return them.
	ops := map[string]func(int, int) int{
		"add": func(a, b int) int { return a + b },
		"mul": func(a, b int) int { return a * b },
	}
	for _, name := range []string{"add", "mul"} {
		fmt.Fprintln(stdout, name, ops[name](6, 7))
	}
	words := []string{"banana", "Apple", "cherry"}
	slices.SortFunc(words, func(a, b string) int { // like sorted(key=str.lower)
		return strings.Compare(strings.ToLower(a), strings.ToLower(b))
	})
	fmt.Fprintln(stdout, words, apply(myFunction, 1, 2, 3))

	deferDemo(stdout)
	return nil
}

// apply takes a function as a parameter, like Python's map(f, xs).
func apply(f func(int) int, xs ...int) []int {
	out := make([]int, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

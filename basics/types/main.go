// Types: methods, interfaces, embedding and generics - Go's take on classes.
//
// Go has no classes and no inheritance. Data lives in structs, behaviour in
// methods, polymorphism in interfaces (satisfied implicitly, like Python's
// duck typing but checked at compile time), and reuse in embedding.
//
// The type and function names are lower-case: nothing imports a main
// package, so it exports nothing. Methods an interface asks for (String,
// Area) are capitalised because the interface names them so.
package main

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"example.com/cloudgo/basics/internal/cli"
)

type point struct{ X, Y float64 }

// Value receiver: the method gets a copy, like passing the struct by value.
// Use it for small values the method only reads.
func (p point) Dist() float64 { return math.Hypot(p.X, p.Y) }

// Pointer receiver: the method can modify the caller's value. Python's self
// is always a reference; in Go you choose, and the choice is visible.
func (p *point) Scale(k float64) { p.X *= k; p.Y *= k }

// ScaleCopy has a value receiver, so its change is lost with the copy.
// staticcheck reports exactly this bug (SA4005); here it is the lesson.
//
//lint:ignore SA4005 the lost write is what this example demonstrates
func (p point) ScaleCopy(k float64) { p.X *= k; p.Y *= k }

// String makes point a fmt.Stringer: fmt calls it, like Python's __str__.
func (p point) String() string { return fmt.Sprintf("(%g, %g)", p.X, p.Y) }

// shape is an interface. Any type with an Area() float64 method satisfies
// it; nothing declares "implements shape".
type shape interface{ Area() float64 }

type rect struct{ W, H float64 }
type circle struct{ R float64 }

func (r rect) Area() float64   { return r.W * r.H }
func (c circle) Area() float64 { return math.Pi * c.R * c.R }

// named embeds point: point's fields and methods are promoted, so a named
// has X, Dist() and String(). This is composition, not inheritance: inside
// Dist the receiver is still just the point.
type named struct {
	point
	Name string
}

// String on named shadows the promoted point.String.
func (n named) String() string { return n.Name + "@" + n.point.String() }

// mapSlice and filter are generic: one implementation for every element type,
// checked at compile time (no []any and type assertions).
func mapSlice[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

func filter[T any](xs []T, keep func(T) bool) []T {
	var out []T
	for _, x := range xs {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}

// maxOf works for any ordered type (ints, floats, strings) via the
// cmp.Ordered constraint. The built-in max covers fixed argument lists.
func maxOf[T cmp.Ordered](first T, rest ...T) T {
	best := first
	for _, x := range rest {
		best = max(best, x)
	}
	return best
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("types", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run prints the lesson. It has no flags (-h says so) and takes no arguments.
func run(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("types", flag.ContinueOnError)
	fs.SetOutput(stderr)
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return cli.Usagef("unexpected arguments %q: this lesson takes none", fs.Args())
	}
	p := point{3, 4}
	fmt.Fprintln(stdout, p, p.Dist())
	p.ScaleCopy(10)
	fmt.Fprintln(stdout, "after ScaleCopy:", p)
	p.Scale(2) // Go takes &p for you because p is addressable
	fmt.Fprintln(stdout, "after Scale:   ", p)

	shapes := []shape{rect{2, 3}, circle{1}}
	for _, s := range shapes {
		fmt.Fprintf(stdout, "%T area %.2f\n", s, s.Area())
	}
	// A type switch asks which concrete type an interface holds.
	for _, s := range shapes {
		switch v := s.(type) {
		case rect:
			fmt.Fprintln(stdout, "rect", v.W, "x", v.H)
		case circle:
			fmt.Fprintln(stdout, "circle r =", v.R)
		}
	}

	home := named{point{1, 1}, "home"}
	fmt.Fprintln(stdout, home, home.X, home.Dist() > 1.41)
	var s fmt.Stringer = home // fits because named has String()
	fmt.Fprintln(stdout, "as Stringer:", s.String())

	words := []string{"go", "python", "rust", "c"}
	fmt.Fprintln(stdout, mapSlice(words, strings.ToUpper), mapSlice(words, func(w string) int { return len(w) }))
	fmt.Fprintln(stdout, filter(words, func(w string) bool { return len(w) > 2 }))
	fmt.Fprintln(stdout, maxOf(3, 9, 2), maxOf(2.5, -1), maxOf("pear", "apple", "zoo"))
	return nil
}

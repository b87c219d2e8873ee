// Types: methods, interfaces, embedding and generics - Go's take on classes.
//
// Go has no classes and no inheritance. Data lives in structs, behaviour in
// methods, polymorphism in interfaces (satisfied implicitly, like Python's
// duck typing but checked at compile time), and reuse in embedding.
package main

import (
	"cmp"
	"fmt"
	"math"
	"strings"
)

type Point struct{ X, Y float64 }

// Value receiver: the method gets a copy, like passing the struct by value.
// Use it for small values the method only reads.
func (p Point) Dist() float64 { return math.Hypot(p.X, p.Y) }

// Pointer receiver: the method can modify the caller's value. Python's self
// is always a reference; in Go you choose, and the choice is visible.
func (p *Point) Scale(k float64) { p.X *= k; p.Y *= k }

// ScaleCopy has a value receiver, so its change is lost with the copy.
// staticcheck reports exactly this bug (SA4005); here it is the lesson.
//
//lint:ignore SA4005 the lost write is what this example demonstrates
func (p Point) ScaleCopy(k float64) { p.X *= k; p.Y *= k }

// String makes Point a fmt.Stringer: fmt calls it, like Python's __str__.
func (p Point) String() string { return fmt.Sprintf("(%g, %g)", p.X, p.Y) }

// Shape is an interface. Any type with an Area() float64 method satisfies
// it; nothing declares "implements Shape".
type Shape interface{ Area() float64 }

type Rect struct{ W, H float64 }
type Circle struct{ R float64 }

func (r Rect) Area() float64   { return r.W * r.H }
func (c Circle) Area() float64 { return math.Pi * c.R * c.R }

// Named embeds Point: Point's fields and methods are promoted, so a Named
// has X, Dist() and String(). This is composition, not inheritance: inside
// Dist the receiver is still just the Point.
type Named struct {
	Point
	Name string
}

// String on Named shadows the promoted Point.String.
func (n Named) String() string { return n.Name + "@" + n.Point.String() }

// Map and Filter are generic: one implementation for every element type,
// checked at compile time (no []any and type assertions).
func Map[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

func Filter[T any](xs []T, keep func(T) bool) []T {
	var out []T
	for _, x := range xs {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}

// MaxOf works for any ordered type (ints, floats, strings) via the
// cmp.Ordered constraint. The built-in max covers fixed argument lists.
func MaxOf[T cmp.Ordered](first T, rest ...T) T {
	best := first
	for _, x := range rest {
		best = max(best, x)
	}
	return best
}

func main() {
	p := Point{3, 4}
	fmt.Println(p, p.Dist())
	p.ScaleCopy(10)
	fmt.Println("after ScaleCopy:", p)
	p.Scale(2) // Go takes &p for you because p is addressable
	fmt.Println("after Scale:   ", p)

	shapes := []Shape{Rect{2, 3}, Circle{1}}
	for _, s := range shapes {
		fmt.Printf("%T area %.2f\n", s, s.Area())
	}
	// A type switch asks which concrete type an interface holds.
	for _, s := range shapes {
		switch v := s.(type) {
		case Rect:
			fmt.Println("rect", v.W, "x", v.H)
		case Circle:
			fmt.Println("circle r =", v.R)
		}
	}

	home := Named{Point{1, 1}, "home"}
	fmt.Println(home, home.X, home.Dist() > 1.41)
	var s fmt.Stringer = home // fits because Named has String()
	fmt.Println("as Stringer:", s.String())

	words := []string{"go", "python", "rust", "c"}
	fmt.Println(Map(words, strings.ToUpper), Map(words, func(w string) int { return len(w) }))
	fmt.Println(Filter(words, func(w string) bool { return len(w) > 2 }))
	fmt.Println(MaxOf(3, 9, 2), MaxOf(2.5, -1), MaxOf("pear", "apple", "zoo"))
}

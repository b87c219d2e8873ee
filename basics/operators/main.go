// Operators: the Python original's arithmetic, comparison and logic, plus what Go adds.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"syscall"

	"example.com/cloudgo/basics/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("operators", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run prints the lesson. It has no flags (-h says so) and takes no arguments.
func run(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("operators", flag.ContinueOnError)
	fs.SetOutput(stderr)
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return cli.Usagef("unexpected arguments %q: this lesson takes none", fs.Args())
	}
	// The Python original's arithmetic. Go has no `//` operator (it starts a comment):
	// int / int already is integer division.
	fmt.Fprintln(stdout, 10+20, 20-10, 2*4, 10.0/3, 10/3, 10%3)

	// With negative operands Go and Python disagree. Go TRUNCATES toward
	// zero (like C and Java); Python FLOORS toward minus infinity. The
	// identity a == (a/b)*b + a%b holds in both, so % takes the sign of a in
	// Go and the sign of b in Python.
	for _, p := range [][2]int{{7, 2}, {-7, 2}, {7, -2}, {-7, -2}} {
		a, b := p[0], p[1]
		fmt.Fprintf(stdout, "%2d,%2d  Go: / %2d  %% %2d   Python: // %2d  %% %2d\n",
			a, b, a/b, a%b, floorDiv(a, b), floorMod(a, b))
	}
	// For floats, math.Floor gives Python's // and math.Mod keeps Go's sign rule.
	fmt.Fprintln(stdout, math.Floor(-7.0/2), math.Mod(-7, 2))

	// Comparison: the same six operators. Both sides must have the same
	// type; 2 == 2.0 compiles only because both are untyped constants.
	fmt.Fprintln(stdout, 2 > 3, 2 < 3, 2 == 3, 2 != 3, 2 >= 3, 2 <= 3)
	fmt.Fprintln(stdout, "apple" < "banana") // strings compare bytewise

	// Logic is && || ! and works on bool only: 0, "" and nil are not false.
	fmt.Fprintln(stdout, true && false, true || false, !true)

	// Short circuit: the right side runs only if it can change the result,
	// so a cheap check can guard an expensive or unsafe one.
	var count *int // nil: *count would panic, but && never evaluates it
	if count != nil && *count > 0 || sideEffect(stdout, "called because the left side was false") {
		fmt.Fprintln(stdout, "condition true")
	}
	if true || sideEffect(stdout, "never printed") {
		fmt.Fprintln(stdout, "|| stopped at true")
	}

	// Bitwise operators. &^ (AND NOT, "bit clear") has no Python spelling;
	// Python writes a & ~b. Unary ^ is bitwise NOT (Python's ~).
	a, b := uint8(0b1100), uint8(0b1010)
	fmt.Fprintf(stdout, "a=%04b b=%04b  a&b=%04b a|b=%04b a^b=%04b a&^b=%04b\n", a, b, a&b, a|b, a^b, a&^b)
	fmt.Fprintf(stdout, "^a=%08b  a<<2=%08b  a>>2=%04b  1<<10=%d\n", ^a, a<<2, a>>2, 1<<10)

	// Assignment operators exist (+=, <<=, ...), and ++/-- are statements,
	// not expressions: `x = i++` does not compile, which removes a class of bugs.
	x := 5
	x += 3
	x <<= 1
	x++
	fmt.Fprintln(stdout, "x =", x)
	return nil
}

// floorDiv is Python's a // b for ints: truncate, then step down one when
// the signs differ and there is a remainder.
func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// floorMod is Python's a % b: the result has the sign of b.
func floorMod(a, b int) int {
	return a - floorDiv(a, b)*b
}

func sideEffect(w io.Writer, msg string) bool {
	fmt.Fprintln(w, "sideEffect:", msg)
	return true
}

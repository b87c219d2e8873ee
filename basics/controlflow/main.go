// Control flow: if, switch and Go's single loop keyword, for.
//
// Python has if/elif/else, while, for-in and match. Go has if, switch and
// for, and for covers all of Python's loops.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"iter"
	"os"
	"os/signal"
	"strconv"
	"syscall"

	"example.com/cloudgo/basics/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("controlflow", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run prints the lesson. It has no flags (-h says so) and takes no arguments.
func run(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("controlflow", flag.ContinueOnError)
	fs.SetOutput(stderr)
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return cli.Usagef("unexpected arguments %q: this lesson takes none", fs.Args())
	}
	// if can start with a short statement; its variables live only inside
	// the if/else chain. This is how Go keeps `err` from leaking.
	if n, err := strconv.Atoi("42"); err != nil {
		fmt.Fprintln(stdout, "not a number:", err)
	} else if n > 40 {
		fmt.Fprintln(stdout, "big number", n)
	}

	// switch breaks after each case (no C-style fall-through), a case can
	// list several values, and fallthrough must be written out.
	for _, day := range []string{"sat", "mon", "wed"} {
		switch day {
		case "sat", "sun":
			fmt.Fprintln(stdout, day, "weekend")
		case "mon":
			fmt.Fprintln(stdout, day, "start of week,")
			fallthrough
		default:
			fmt.Fprintln(stdout, day, "workday")
		}
	}

	// A tagless switch is an if/elif chain: the first true case wins.
	for _, t := range []int{-5, 18, 35} {
		switch {
		case t < 0:
			fmt.Fprintln(stdout, t, "freezing")
		case t < 25:
			fmt.Fprintln(stdout, t, "mild")
		default:
			fmt.Fprintln(stdout, t, "hot")
		}
	}

	// for, four ways. Classic three-part loop:
	for i := 0; i < 3; i++ {
		fmt.Fprint(stdout, i, " ")
	}
	// While-style: only a condition. (`for {}` alone loops forever.)
	n := 1
	for n < 100 {
		n *= 3
	}
	fmt.Fprintln(stdout, "| first power of 3 >= 100:", n)

	// range over an int (Go 1.22+): Python's `for i in range(3)`.
	for i := range 3 {
		fmt.Fprint(stdout, i, " ")
	}
	fmt.Fprintln(stdout, "| range 3")
	// range over a slice gives index and value; _ drops the one you don't need.
	for i, fruit := range []string{"apple", "banana", "orange"} {
		fmt.Fprint(stdout, i, "=", fruit, " ")
	}
	fmt.Fprintln(stdout, "| range slice")
	// range over a string gives byte offset and rune (see ../strings).
	for i, r := range "Go世" {
		fmt.Fprintf(stdout, "%d:%c ", i, r)
	}
	fmt.Fprintln(stdout, "| range string")

	// range over a channel receives until the channel is closed.
	ch := make(chan string, 3)
	ch <- "a"
	ch <- "b"
	close(ch)
	for v := range ch {
		fmt.Fprint(stdout, "got ", v, "; ")
	}
	fmt.Fprintln(stdout, "channel closed")

	// range over a function (Go 1.23+): an iter.Seq is Go's generator. The
	// loop body becomes the yield callback; break makes yield return false.
	for f := range fibonacci() {
		if f > 50 {
			break
		}
		fmt.Fprint(stdout, f, " ")
	}
	fmt.Fprintln(stdout, "| stopped by break")

	// Labels let break/continue leave an outer loop (no flag variables).
outer:
	for i := range 3 {
		for j := range 3 {
			if i*j == 2 {
				fmt.Fprintln(stdout, "found i*j == 2 at", i, j)
				break outer
			}
		}
	}
	return nil
}

// fibonacci is an endless sequence, like a Python generator with yield.
// It stops as soon as the consumer's loop stops (yield returns false).
func fibonacci() iter.Seq[int] {
	return func(yield func(int) bool) {
		a, b := 0, 1
		for {
			if !yield(a) {
				return
			}
			a, b = b, a+b
		}
	}
}

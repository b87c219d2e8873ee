// Control flow: if, switch and Go's single loop keyword, for.
//
// Python has if/elif/else, while, for-in and match. Go has if, switch and
// for, and for covers all of Python's loops.
package main

import (
	"fmt"
	"iter"
	"strconv"
)

func main() {
	// if can start with a short statement; its variables live only inside
	// the if/else chain. This is how Go keeps `err` from leaking.
	if n, err := strconv.Atoi("42"); err != nil {
		fmt.Println("not a number:", err)
	} else if n > 40 {
		fmt.Println("big number", n)
	}

	// switch breaks after each case (no C-style fall-through), a case can
	// list several values, and fallthrough must be written out.
	for _, day := range []string{"sat", "mon", "wed"} {
		switch day {
		case "sat", "sun":
			fmt.Println(day, "weekend")
		case "mon":
			fmt.Println(day, "start of week,")
			fallthrough
		default:
			fmt.Println(day, "workday")
		}
	}

	// A tagless switch is an if/elif chain: the first true case wins.
	for _, t := range []int{-5, 18, 35} {
		switch {
		case t < 0:
			fmt.Println(t, "freezing")
		case t < 25:
			fmt.Println(t, "mild")
		default:
			fmt.Println(t, "hot")
		}
	}

	// for, four ways. Classic three-part loop:
	for i := 0; i < 3; i++ {
		fmt.Print(i, " ")
	}
	// While-style: only a condition. (`for {}` alone loops forever.)
	n := 1
	for n < 100 {
		n *= 3
	}
	fmt.Println("| first power of 3 >= 100:", n)

	// range over an int (Go 1.22+): Python's `for i in range(3)`.
	for i := range 3 {
		fmt.Print(i, " ")
	}
	fmt.Println("| range 3")
	// range over a slice gives index and value; _ drops the one you don't need.
	for i, fruit := range []string{"apple", "banana", "orange"} {
		fmt.Print(i, "=", fruit, " ")
	}
	fmt.Println("| range slice")
	// range over a string gives byte offset and rune (see ../strings).
	for i, r := range "Go世" {
		fmt.Printf("%d:%c ", i, r)
	}
	fmt.Println("| range string")

	// range over a channel receives until the channel is closed.
	ch := make(chan string, 3)
	ch <- "a"
	ch <- "b"
	close(ch)
	for v := range ch {
		fmt.Print("got ", v, "; ")
	}
	fmt.Println("channel closed")

	// range over a function (Go 1.23+): an iter.Seq is Go's generator. The
	// loop body becomes the yield callback; break makes yield return false.
	for f := range fibonacci() {
		if f > 50 {
			break
		}
		fmt.Print(f, " ")
	}
	fmt.Println("| stopped by break")

	// Labels let break/continue leave an outer loop (no flag variables).
outer:
	for i := range 3 {
		for j := range 3 {
			if i*j == 2 {
				fmt.Println("found i*j == 2 at", i, j)
				break outer
			}
		}
	}
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

// Collections: arrays, slices, maps and structs for the Python original's list, tuple
// and dict.
//
// Python's list, tuple and dict hold values of any type and are always
// shared by reference. Go's collections have one element type, and which
// ones share memory differs: arrays and structs are copied on assignment,
// slices and maps are small headers that point at shared storage.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"os/signal"
	"slices"
	"syscall"

	"example.com/cloudgo/basics/internal/cli"
)

// person is the Python original's dict {'name': 'John', 'age': 30, 'city': 'New York'}
// when the keys are known in advance: a struct, checked by the compiler.
type person struct {
	Name string
	Age  int
	City string
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("collections", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run prints the lesson. It has no flags (-h says so) and takes no arguments.
func run(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("collections", flag.ContinueOnError)
	fs.SetOutput(stderr)
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return cli.Usagef("unexpected arguments %q: this lesson takes none", fs.Args())
	}
	// Arrays have their length in the type and are VALUES: assigning copies.
	tuple1 := [3]int{1, 2, 3}
	copied := tuple1
	copied[0] = 100
	fmt.Fprintf(stdout, "%T %v, copy %v\n", tuple1, tuple1, copied)

	// Slices are views onto an array. The Python original's list1 + list2 mixes ints
	// and strings, which only []any can hold (and then the compiler no
	// longer checks element types). With one element type, use
	// slices.Concat, or append(a, b...) when a may be modified.
	list1 := []any{1, 2, 3}
	list2 := []any{"a", "b"}
	list3 := slices.Concat(list1, list2)
	fmt.Fprintln(stdout, list3, len(list3))
	fmt.Fprintln(stdout, slices.Concat([]int{1, 2, 3}, []int{4, 5}))

	// append writes in place while len < cap; when the backing array is
	// full it allocates a bigger one and copies. How much bigger is a runtime
	// detail (it even differs under -race), so only the "when" is shown.
	grow := make([]int, 0, 2)
	var grew []bool
	for i := range 3 {
		before := cap(grow)
		grow = append(grow, i)
		grew = append(grew, cap(grow) != before)
	}
	fmt.Fprintln(stdout, "append into cap 2, new array each time?", grew)

	// Aliasing pitfall: a sub-slice shares the backing array, so appending to
	// it can overwrite the original's elements. Python slices copy; Go's don't.
	nums := []int{1, 2, 3, 4}
	head := nums[:2]
	head = append(head, 99) // still room in nums' array: writes nums[2]
	fmt.Fprintln(stdout, "shared:", nums, head)
	nums = []int{1, 2, 3, 4}
	head = nums[:2:2]       // full slice expression caps it at 2...
	head = append(head, 99) // ...so append must allocate a new array
	fmt.Fprintln(stdout, "capped:", nums, head)
	dst := make([]int, 2)
	n := copy(dst, nums) // copy moves min(len(dst), len(src)) elements
	fmt.Fprintln(stdout, "copy:", n, dst)

	// Maps: the dict. A missing key is not an error: you get the zero value.
	dict1 := map[string]int{"alice": 25, "bob": 31}
	fmt.Fprintln(stdout, "alice:", dict1["alice"], "carol:", dict1["carol"])
	age, ok := dict1["carol"] // comma-ok tells "absent" from "present and 0"
	fmt.Fprintln(stdout, "carol present?", ok, age)
	dict1["carol"] = 0
	delete(dict1, "bob")
	// Map iteration order is deliberately random; sort the keys to print.
	for _, name := range slices.Sorted(maps.Keys(dict1)) {
		fmt.Fprintf(stdout, "sorted: %s=%d\n", name, dict1[name])
	}
	fmt.Fprintln(stdout, dict1) // fmt sorts map keys itself, so this is stable too

	// Heterogeneous values like the Python original's dict: map[string]any, and a type
	// assertion to get a concrete value back out.
	dict2 := map[string]any{"name": "Alice", "age": 25}
	name, isString := dict2["name"].(string)
	fmt.Fprintln(stdout, name, isString)

	// Structs: fixed fields, copied on assignment, comparable with ==.
	f := person{Name: "John", Age: 30, City: "New York"}
	g := f
	g.Age++
	fmt.Fprintf(stdout, "%v | %+v | equal: %v\n", f, g, f == person{"John", 30, "New York"})

	// bool: only true/false, no truthiness. `if len(list1) > 0`, not `if list1`.
	flag1, flag2 := true, false
	if flag1 && !flag2 {
		fmt.Fprintln(stdout, "Hello World!")
	}
	if len(list1) > 0 {
		fmt.Fprintln(stdout, "list1 is not empty")
	}

	// None: Go has nil for pointers, slices, maps, channels, funcs and
	// interfaces. A nil slice is usable (len 0, append works); writing to a
	// nil map panics, so make() maps before use.
	var none []int
	var nobody *person
	fmt.Fprintln(stdout, none == nil, len(none), append(none, 1), nobody == nil)
	return nil
}

// stdlib-data: structured data with the standard library - JSON, hashing,
// compression, a priority queue, and the slices/maps helpers. Python's json,
// hashlib, gzip/zlib and heapq, in Go.
package main

import (
	"bytes"
	"compress/gzip"
	"container/heap"
	"context"
	"crypto/sha256"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"

	"example.com/cloudgo/basics/internal/cli"
)

// person is the Python original's dict f. Struct tags map Go's exported field names to
// the JSON keys; omitempty drops a zero value; "-" never serialises a field.
type person struct {
	Name     string   `json:"name"`
	Age      int      `json:"age"`
	City     string   `json:"city"`
	Tags     []string `json:"tags,omitempty"`
	Password string   `json:"-"`
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("stdlib-data", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run prints the lesson. It has no flags (-h says so) and takes no arguments.
func run(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("stdlib-data", flag.ContinueOnError)
	fs.SetOutput(stderr)
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return cli.Usagef("unexpected arguments %q: this lesson takes none", fs.Args())
	}
	// encoding/json: json.dumps / json.loads. Fields keep declaration order.
	f := person{Name: "John", Age: 30, City: "New York", Password: "secret"}
	out, err := json.Marshal(f)
	if err != nil {
		return fmt.Errorf("marshal %v: %w", f, err)
	}
	fmt.Fprintln(stdout, "json:", string(out))

	var back person
	input := `{"name":"Alice","age":25,"city":"Beijing","tags":["admin"],"unknown":1}`
	if err := json.Unmarshal([]byte(input), &back); err != nil {
		return fmt.Errorf("unmarshal person: %w", err)
	}
	fmt.Fprintf(stdout, "json: %+v\n", back) // unknown keys are ignored by default

	// Without a struct you get map[string]any; numbers become float64.
	var dict1 map[string]any
	if err := json.Unmarshal([]byte(`{"name": "Alice", "age": 25}`), &dict1); err != nil {
		return fmt.Errorf("unmarshal dict: %w", err)
	}
	fmt.Fprintf(stdout, "json: dict1[\"name\"]=%v, age is %T\n", dict1["name"], dict1["age"])
	err = json.Unmarshal([]byte(`{"age": "old"}`), &back)
	fmt.Fprintln(stdout, "json error:", err)

	// crypto/sha256: hashlib.sha256(b"...").hexdigest().
	fmt.Fprintf(stdout, "sha256: %x\n", sha256.Sum256([]byte("hello")))

	// compress/gzip: a writer wraps any io.Writer, a reader any io.Reader.
	// Close flushes the compressed stream; forgetting it truncates the data.
	original := strings.Repeat("cloud go ", 100)
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := io.WriteString(zw, original); err != nil {
		return fmt.Errorf("gzip write: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("gzip close: %w", err)
	}
	compressedLen := buf.Len()
	zr, err := gzip.NewReader(&buf)
	if err != nil {
		return fmt.Errorf("gzip reader: %w", err)
	}
	restored, err := io.ReadAll(zr)
	if err != nil {
		return fmt.Errorf("gunzip: %w", err)
	}
	fmt.Fprintf(stdout, "gzip: %d bytes -> %d bytes -> %d bytes, identical: %v\n",
		len(original), compressedLen, len(restored), string(restored) == original)

	// container/heap: a priority queue over any type implementing
	// heap.Interface (Python's heapq works on plain lists).
	tasks := &taskHeap{{"write docs", 3}, {"fix outage", 1}, {"review PR", 2}}
	heap.Init(tasks)
	heap.Push(tasks, task{"deploy", 0})
	var order []string
	for tasks.Len() > 0 {
		order = append(order, heap.Pop(tasks).(task).name)
	}
	fmt.Fprintf(stdout, "heap: %q\n", order)

	// slices and maps: generic helpers that replace hand-written loops.
	nums := []int{5, 2, 8, 2, 9}
	sorted := slices.Sorted(slices.Values(nums)) // a sorted copy, like sorted()
	i, found := slices.BinarySearch(sorted, 8)
	fmt.Fprintln(stdout, "slices:", sorted, slices.Compact(slices.Clone(sorted)),
		slices.Index(nums, 8), slices.Contains(nums, 7), slices.Max(nums), i, found)
	stock := map[string]int{"apple": 3, "pear": 0, "kiwi": 7}
	maps.DeleteFunc(stock, func(_ string, n int) bool { return n == 0 })
	fmt.Fprintln(stdout, "maps:", slices.Sorted(maps.Keys(stock)), stock)
	return nil
}

type task struct {
	name     string
	priority int // lower runs first
}

// taskHeap implements heap.Interface: sort.Interface plus Push and Pop.
type taskHeap []task

func (h taskHeap) Len() int           { return len(h) }
func (h taskHeap) Less(i, j int) bool { return h[i].priority < h[j].priority }
func (h taskHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *taskHeap) Push(x any)        { *h = append(*h, x.(task)) }
func (h *taskHeap) Pop() any {
	old := *h
	last := old[len(old)-1]
	*h = old[:len(old)-1]
	return last
}

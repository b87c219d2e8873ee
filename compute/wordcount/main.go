// wordcount: the seed's word count (§4.5) as a streaming Go program, in a
// sequential and a parallel MapReduce version that print identical output.
//
//	go run ./wordcount -top 5 input.txt                  # parallel, one worker per core
//	go run ./wordcount -mode sequential input.txt
//	cat input.txt | go run ./wordcount -workers 4        # no file: read stdin
//
// Output: "word<TAB>count", by count (highest first), then by word.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"

	"example.com/cloudgo/compute/words"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "wordcount:", err)
		os.Exit(1)
	}
}

func run(_ context.Context, args []string, stdin io.Reader, stdout io.Writer) error {
	fs := flag.NewFlagSet("wordcount", flag.ContinueOnError)
	mode := fs.String("mode", "parallel", "sequential or parallel")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "map goroutines in parallel mode")
	chunkKB := fs.Int("chunk", 4096, "chunk size in KiB handed to one map goroutine")
	top := fs.Int("top", 0, "print only the first N words (0: all)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	in, name := stdin, "stdin"
	if fs.NArg() > 1 {
		return fmt.Errorf("want at most one input file, got %d", fs.NArg())
	}
	if path := fs.Arg(0); path != "" && path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return fmt.Errorf("open input: %w", err)
		}
		defer f.Close()
		in, name = f, path
	}

	var counts words.Counts
	var err error
	switch *mode {
	case "sequential":
		counts, err = words.Count(in)
	case "parallel":
		counts, err = words.CountParallel(in, *workers, *chunkKB<<10)
	default:
		return fmt.Errorf("unknown -mode %q (want sequential or parallel)", *mode)
	}
	if err != nil {
		return fmt.Errorf("count words in %s: %w", name, err)
	}
	return words.Write(stdout, words.Sorted(counts), *top)
}

// gencorpus writes a deterministic test corpus for the word-count examples,
// e.g. the ~200 MB file of the benchmark table:
//
//	go run ./gencorpus -size 200 -o /tmp/compute-corpus.txt
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"example.com/cloudgo/compute/corpus"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
}

func run(_ context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("gencorpus", flag.ContinueOnError)
	sizeMB := fs.Float64("size", 1, "approximate size in MB (10^6 bytes)")
	seed := fs.Uint64("seed", 1, "random seed: the same seed gives the same text")
	ascii := fs.Bool("ascii", false, "ASCII letters only (then the tr|sort|uniq pipeline agrees exactly)")
	out := fs.String("o", "", "output file (default: stdout)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	opts := corpus.Options{Size: int64(*sizeMB * 1e6), Seed: *seed, ASCII: *ascii}
	if *out == "" {
		return corpus.Generate(stdout, opts)
	}
	f, err := os.Create(*out)
	if err != nil {
		return fmt.Errorf("create corpus: %w", err)
	}
	if err := corpus.Generate(f, opts); err != nil {
		f.Close()
		return fmt.Errorf("write corpus to %s: %w", *out, err)
	}
	return f.Close()
}

// gencorpus writes a deterministic test corpus (package corpus) for the
// word-count examples, e.g. the ~200 MB file of the benchmark table:
//
//	go run ./corpus/cmd/gencorpus -size 200 -o /tmp/compute-corpus.txt
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

	"example.com/cloudgo/compute/corpus"
	"example.com/cloudgo/compute/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("gencorpus", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// maxSizeMB bounds -size (1 TB): beyond it a typo, not a corpus.
const maxSizeMB = 1e6

func run(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("gencorpus", flag.ContinueOnError)
	fs.SetOutput(stderr)
	sizeMB := fs.Float64("size", 1, "approximate size in MB (10^6 bytes)")
	seed := fs.Uint64("seed", 1, "random seed: the same seed gives the same text")
	ascii := fs.Bool("ascii", false, "ASCII letters only (then the tr|sort|uniq pipeline agrees exactly)")
	out := fs.String("o", "", "output file (default: stdout)")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	switch {
	case math.IsNaN(*sizeMB) || *sizeMB <= 0 || *sizeMB > maxSizeMB:
		return cli.Usagef("-size must be more than 0 and at most %g MB, got %g", maxSizeMB, *sizeMB)
	case fs.NArg() > 0:
		return cli.Usagef("unexpected arguments %q: use -o FILE", fs.Args())
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

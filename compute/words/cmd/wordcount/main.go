// wordcount: the Python original's word count as a streaming Go program, in
// a sequential and a parallel MapReduce version (package words) that print
// identical output.
//
//	go run ./words/cmd/wordcount -top 5 input.txt           # parallel, one worker per core
//	go run ./words/cmd/wordcount -mode sequential input.txt
//	cat input.txt | go run ./words/cmd/wordcount -workers 4 # no file: read stdin
//
// Output: "word<TAB>count", by count (highest first), then by word.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"syscall"

	"example.com/cloudgo/compute/internal/cli"
	"example.com/cloudgo/compute/words"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("wordcount", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// stdin is read when no file is named (tests replace it).
var stdin io.Reader = os.Stdin

// maxChunkKiB bounds -chunk: workers+2 chunks are held in memory at once.
const maxChunkKiB = 1 << 20 // 1 GiB

func run(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("wordcount", flag.ContinueOnError)
	fs.SetOutput(stderr)
	mode := fs.String("mode", "parallel", "sequential or parallel")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "map goroutines in parallel mode")
	chunkKiB := fs.Int("chunk", 4096, "chunk size in KiB handed to one map goroutine")
	top := fs.Int("top", 0, "print only the first N words (0: all)")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	switch {
	case *mode != "sequential" && *mode != "parallel":
		return cli.Usagef("-mode must be sequential or parallel, got %q", *mode)
	case *workers < 1:
		return cli.Usagef("-workers must be at least 1, got %d", *workers)
	case *chunkKiB < 1 || *chunkKiB > maxChunkKiB:
		return cli.Usagef("-chunk must be between 1 and %d KiB, got %d", maxChunkKiB, *chunkKiB)
	case *top < 0:
		return cli.Usagef("-top must be 0 (all) or more, got %d", *top)
	case fs.NArg() > 1:
		return cli.Usagef("want at most one input file, got %d", fs.NArg())
	}
	in, name := stdin, "stdin"
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
	if *mode == "sequential" {
		counts, err = words.Count(in)
	} else {
		counts, err = words.CountParallel(in, *workers, *chunkKiB<<10)
	}
	if err != nil {
		return fmt.Errorf("count words in %s: %w", name, err)
	}
	return words.Write(stdout, words.Sorted(counts), *top)
}

// rddwordcount: the Python original's PySpark word count, line for line, on
// the in-process rdd package.
//
//	go run ./rdd/cmd/rddwordcount -partitions 4 -top 5 input.txt
//	cat input.txt | go run ./rdd/cmd/rddwordcount    # stdin is spooled to a temp file first
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
	"example.com/cloudgo/compute/rdd"
	"example.com/cloudgo/compute/words"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("rddwordcount", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// stdin is read when no file is named (tests replace it).
var stdin io.Reader = os.Stdin

// maxPartitions bounds -partitions: each one is a task with its own buffers.
const maxPartitions = 10_000

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("rddwordcount", flag.ContinueOnError)
	fs.SetOutput(stderr)
	partitions := fs.Int("partitions", 2*runtime.GOMAXPROCS(0), "partitions of the input file")
	top := fs.Int("top", 0, "print only the first N words (0: all)")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	switch {
	case *partitions < 1 || *partitions > maxPartitions:
		return cli.Usagef("-partitions must be between 1 and %d, got %d", maxPartitions, *partitions)
	case *top < 0:
		return cli.Usagef("-top must be 0 (all) or more, got %d", *top)
	case fs.NArg() > 1:
		return cli.Usagef("want at most one input file, got %d", fs.NArg())
	}
	path := fs.Arg(0)
	if path == "" || path == "-" {
		// TextFile splits a file by byte ranges, which needs a real file,
		// so copy stdin to one (streaming, not into memory).
		tmp, err := spool(stdin)
		if err != nil {
			return err
		}
		defer os.Remove(tmp)
		path = tmp
	}

	lines := rdd.TextFile(path, *partitions)     // sc.textFile("input.txt")
	tokens := rdd.FlatMap(lines, words.Words)    // lines.flatMap(lambda x: x.split(" "))
	counts, err := rdd.CountByValue(ctx, tokens) // words.countByValue()   <- the only action: everything runs here
	if err != nil {
		return fmt.Errorf("count words in %s: %w", path, err)
	}
	sorted := words.Sorted(counts)           // sorted(..., key=lambda x: x[1], reverse=True)
	return words.Write(stdout, sorted, *top) // for word, count in sortedWords: print(...)
}

func spool(r io.Reader) (string, error) {
	f, err := os.CreateTemp("", "rddwordcount-stdin-*.txt")
	if err != nil {
		return "", fmt.Errorf("spool stdin: %w", err)
	}
	if _, err := io.Copy(f, r); err != nil {
		f.Close()
		os.Remove(f.Name())
		return "", fmt.Errorf("spool stdin to %s: %w", f.Name(), err)
	}
	return f.Name(), f.Close()
}

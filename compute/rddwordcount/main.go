// rddwordcount: the seed's PySpark word count (§4.5), line for line, on the
// in-process rdd package.
//
//	go run ./rddwordcount -partitions 4 -top 5 input.txt
//	cat input.txt | go run ./rddwordcount          # stdin is spooled to a temp file first
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"

	"example.com/cloudgo/compute/rdd"
	"example.com/cloudgo/compute/words"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "rddwordcount:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer) error {
	fs := flag.NewFlagSet("rddwordcount", flag.ContinueOnError)
	partitions := fs.Int("partitions", 2*runtime.GOMAXPROCS(0), "partitions of the input file")
	top := fs.Int("top", 0, "print only the first N words (0: all)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 1 {
		return fmt.Errorf("want at most one input file, got %d", fs.NArg())
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

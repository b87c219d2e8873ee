// sqlwordcount: the word count of this topic as one SQL query, run by DuckDB
// embedded in the process (package sqlwordcount). It prints exactly what
// wordcount, rddwordcount and beamwordcount print.
//
//	go run ./sqlwordcount/cmd/sqlwordcount -top 5 input.txt
//	cat input.txt | go run ./sqlwordcount/cmd/sqlwordcount -threads 2 -v   # -v: load and query times on stderr
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
	"syscall"
	"time"

	"example.com/cloudgo/compute/internal/cli"
	"example.com/cloudgo/compute/sql/internal/duckconn"
	"example.com/cloudgo/compute/sql/sqlwordcount"
	"example.com/cloudgo/compute/words"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("sqlwordcount", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// stdin is read when no file is named (tests replace it).
var stdin io.Reader = os.Stdin

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("sqlwordcount", flag.ContinueOnError)
	fs.SetOutput(stderr)
	top := fs.Int("top", 0, "print only the first N words (0: all)")
	threads := fs.Int("threads", 0, "DuckDB worker threads (0: one per core)")
	verbose := fs.Bool("v", false, "print the load and query times on stderr")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	switch {
	case *top < 0:
		return cli.Usagef("-top must be 0 (all) or more, got %d", *top)
	case *threads < 0 || *threads > 1024:
		return cli.Usagef("-threads must be between 0 (one per core) and 1024, got %d", *threads)
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

	db, err := duckconn.Open(*threads) // an in-memory database
	if err != nil {
		return err
	}
	defer db.Close()
	start := time.Now()
	if _, err := db.ExecContext(ctx, `CREATE TABLE input (text VARCHAR)`); err != nil {
		return fmt.Errorf("create table: %w", err)
	}
	if err := sqlwordcount.Load(ctx, db, "input", in); err != nil { // Go streams the text in
		return fmt.Errorf("load %s: %w", name, err)
	}
	loaded := time.Now()
	sorted, err := sqlwordcount.Run(ctx, db, *top) // SQL tokenizes, groups, counts and sorts
	if err != nil {
		return fmt.Errorf("count words in %s: %w", name, err)
	}
	if *verbose {
		fmt.Fprintf(stderr, "sqlwordcount: load %v, query %v\n", loaded.Sub(start).Round(time.Millisecond), time.Since(loaded).Round(time.Millisecond))
	}
	return words.Write(stdout, sorted, 0)
}

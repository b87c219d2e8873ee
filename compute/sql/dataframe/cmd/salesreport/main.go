// salesreport: the Spark SQL / DataFrame lesson on one machine. It generates
// a sales dataset (CSV, converted to Parquet by DuckDB), then prints one
// report of four queries, computed by DuckDB's SQL over Parquet or CSV, or by
// hand with the rdd package (package dataframe). Every engine prints the same.
//
//	go run ./dataframe/cmd/salesreport                    # SQL over Parquet, 20,000 orders
//	go run ./dataframe/cmd/salesreport -engine rdd        # the same report, by hand with the rdd package
//	go run ./dataframe/cmd/salesreport -explain           # the plan: filter and columns pushed into the Parquet scan
//	go run ./dataframe/cmd/salesreport -format csv -stats -orders 2000000   # time and bytes read per query, on stderr
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
	"time"

	"example.com/cloudgo/compute/internal/cli"
	"example.com/cloudgo/compute/sql/dataframe"
	"example.com/cloudgo/compute/sql/internal/duckconn"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("salesreport", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("salesreport", flag.ContinueOnError)
	fs.SetOutput(stderr)
	orders := fs.Int("orders", 20_000, "sales to generate")
	seed := fs.Uint64("seed", 1, "random seed of the dataset")
	dir := fs.String("dir", "", "write the dataset here and keep it (default: a temporary directory, removed)")
	engine := fs.String("engine", "sql", "sql (DuckDB) or rdd (by hand, with the rdd package, from the CSV files)")
	format := fs.String("format", "parquet", "files the sql engine reads: parquet or csv")
	threads := fs.Int("threads", 0, "DuckDB threads (0: one per core)")
	partitions := fs.Int("partitions", 2*runtime.GOMAXPROCS(0), "partitions of the rdd engine")
	explain := fs.Bool("explain", false, "print the plan of the first query instead of the report")
	stats := fs.Bool("stats", false, "print each query's time and bytes read on stderr")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	switch {
	case *orders < 1 || *orders > 100_000_000:
		return cli.Usagef("-orders must be between 1 and 100000000, got %d", *orders)
	case *engine != "sql" && *engine != "rdd":
		return cli.Usagef("-engine must be sql or rdd, got %q", *engine)
	case *format != "parquet" && *format != "csv":
		return cli.Usagef("-format must be parquet or csv, got %q", *format)
	case *threads < 0 || *threads > 1024:
		return cli.Usagef("-threads must be between 0 (one per core) and 1024, got %d", *threads)
	case *partitions < 1 || *partitions > 10_000:
		return cli.Usagef("-partitions must be between 1 and 10000, got %d", *partitions)
	case *explain && *engine != "sql":
		return cli.Usagef("-explain shows the SQL engine's plan: leave out -engine %s", *engine)
	case fs.NArg() > 0:
		return cli.Usagef("unexpected arguments %q", fs.Args())
	}
	if *dir == "" {
		tmp, err := os.MkdirTemp("", "salesreport-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		*dir = tmp
	} else if err := os.MkdirAll(*dir, 0o755); err != nil {
		return err
	}

	db, err := duckconn.Open(*threads) // an in-memory DuckDB database
	if err != nil {
		return err
	}
	defer db.Close()
	if err := dataframe.Generate(ctx, db, *dir, *orders, *seed); err != nil {
		return err
	}
	if *engine == "rdd" {
		*format = "csv" // what the rdd engine reads
	}
	var printStat func(dataframe.Stat)
	if *stats {
		printStat = func(s dataframe.Stat) {
			fmt.Fprintf(stderr, "%s %s: %-12s %8.3f s %10.1f MB read\n", *engine, *format, s.Query, s.Took.Seconds(), float64(s.BytesRead)/1e6)
		}
	}
	if *engine == "rdd" {
		start := time.Now()
		r, err := dataframe.RDDReport(ctx, *dir, *partitions, printStat)
		if err != nil {
			return err
		}
		if *stats {
			fmt.Fprintf(stderr, "rdd csv: report %10.3f s\n", time.Since(start).Seconds())
		}
		return r.Write(stdout)
	}
	if err := dataframe.Attach(ctx, db, *dir, *format); err != nil {
		return err
	}
	if *explain {
		plan, err := dataframe.Explain(ctx, db, dataframe.QueryBigOrders)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(stdout, "%s\n\n%s\n", dataframe.QueryBigOrders, plan)
		return err
	}
	start := time.Now()
	r, err := dataframe.SQLReport(ctx, db, printStat)
	if err != nil {
		return err
	}
	if *stats {
		fmt.Fprintf(stderr, "sql %s: report %10.3f s\n", *format, time.Since(start).Seconds())
	}
	return r.Write(stdout)
}

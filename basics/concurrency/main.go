// Concurrency: goroutines, channels, select, sync.WaitGroup, sync.Mutex and
// a worker pool.
//
// A goroutine is a function running concurrently, costing a few KB, started
// with `go`. Unlike CPython threads there is no GIL: goroutines run in
// parallel on all cores, so shared data needs a channel or a lock. The
// output below is deterministic because results are collected and ordered,
// never printed in whatever order goroutines happen to finish.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"sync"
	"syscall"
	"time"

	"example.com/cloudgo/basics/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("concurrency", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run prints the lesson. It has no flags (-h says so) and takes no arguments.
func run(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("concurrency", flag.ContinueOnError)
	fs.SetOutput(stderr)
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return cli.Usagef("unexpected arguments %q: this lesson takes none", fs.Args())
	}
	// Unbuffered channel: a send blocks until a receiver takes the value,
	// so it is a hand-off and a synchronisation point at once.
	ping := make(chan string)
	go func() { ping <- "ping from a goroutine" }()
	fmt.Fprintln(stdout, <-ping)

	// Buffered channel: sends block only when the buffer is full. close
	// says "no more values"; range receives until then.
	queue := make(chan int, 3)
	go func() {
		defer close(queue) // only the sender closes
		for i := range 5 {
			queue <- i * i
		}
	}()
	var squares []int
	for v := range queue {
		squares = append(squares, v)
	}
	fmt.Fprintln(stdout, "squares:", squares)

	// select waits on several channel operations; time.After adds a timeout.
	// never is never sent to, so the timeout always wins here.
	never := make(chan string)
	select {
	case v := <-never:
		fmt.Fprintln(stdout, "unexpected", v)
	case <-time.After(20 * time.Millisecond):
		fmt.Fprintln(stdout, "select: timed out after 20ms")
	}
	ready := make(chan string, 1)
	ready <- "cached result"
	select {
	case v := <-ready:
		fmt.Fprintln(stdout, "select: got", v)
	case <-time.After(time.Second):
		fmt.Fprintln(stdout, "select: timed out")
	}

	// sync.WaitGroup waits for a group of goroutines; wg.Go (Go 1.25+) does
	// the Add/Done bookkeeping. Each goroutine writes only its own index,
	// so no lock is needed and the order is fixed.
	words := []string{"alpha", "beta", "gamma", "delta"}
	lengths := make([]int, len(words))
	var wg sync.WaitGroup
	for i, word := range words { // each iteration has its own i and word (Go 1.22+)
		wg.Go(func() { lengths[i] = len(word) })
	}
	wg.Wait()
	fmt.Fprintln(stdout, "lengths:", lengths)

	// sync.Mutex guards shared state. Without it, count++ from many
	// goroutines is a data race: lost updates, and `go test -race` fails.
	var (
		mu    sync.Mutex
		count int
	)
	for range 100 {
		wg.Go(func() {
			mu.Lock()
			defer mu.Unlock()
			count++
		})
	}
	wg.Wait()
	fmt.Fprintln(stdout, "count:", count)

	fmt.Fprintln(stdout, "worker pool:", workerPool([]int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 3))
	return nil
}

type result struct{ job, value int }

// workerPool processes jobs with a fixed number of goroutines: bounded
// parallelism, the usual pattern for calling an API or a database without
// overloading it. Results come back in any order and are sorted by job.
func workerPool(jobs []int, workers int) []string {
	jobCh := make(chan int)
	resultCh := make(chan result)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for j := range jobCh {
				resultCh <- result{job: j, value: j * j}
			}
		})
	}
	go func() { // feed the jobs, then tell the workers there are no more
		defer close(jobCh)
		for _, j := range jobs {
			jobCh <- j
		}
	}()
	go func() { wg.Wait(); close(resultCh) }() // close results when all workers are done

	var results []result
	for r := range resultCh {
		results = append(results, r)
	}
	slices.SortFunc(results, func(a, b result) int { return a.job - b.job })
	out := make([]string, 0, len(results))
	for _, r := range results {
		out = append(out, fmt.Sprintf("%d²=%d", r.job, r.value))
	}
	return out
}

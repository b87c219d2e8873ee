// Errors: Go's answer to try/except.
//
// Python raises exceptions that unwind the stack until an except catches
// them. Go returns an error as the last result and the caller decides, right
// there, what to do. Wrapping adds context on the way up; errors.Is and
// errors.As look through the wrapping like `except SomeError` does.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"syscall"

	"example.com/cloudgo/basics/internal/cli"
)

// errNotFound is a sentinel error: a package-level value callers compare
// against with errors.Is (Python: a specific exception class like KeyError).
var errNotFound = errors.New("not found")

// rangeError is a custom error type that carries data. Callers extract it
// with errors.As (Python: `except rangeError as e: e.value`).
type rangeError struct {
	Field string
	Value int
}

func (e *rangeError) Error() string {
	return fmt.Sprintf("%s=%d is out of range", e.Field, e.Value)
}

var ages = map[string]string{"alice": "25", "bob": "-3", "carol": "old"}

// age looks a user up and validates the value. Each failure is wrapped with
// %w plus what was being done, so the final message reads like a trace.
func age(user string) (int, error) {
	raw, ok := ages[user]
	if !ok {
		return 0, fmt.Errorf("age of %q: %w", user, errNotFound)
	}
	n, err := strconv.Atoi(raw)
	if err != nil {
		return 0, fmt.Errorf("age of %q: %w", user, err)
	}
	if n < 0 || n > 150 {
		return 0, fmt.Errorf("age of %q: %w", user, &rangeError{Field: "age", Value: n})
	}
	return n, nil
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("errors", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run prints the lesson. It has no flags (-h says so) and takes no arguments.
func run(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("errors", flag.ContinueOnError)
	fs.SetOutput(stderr)
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return cli.Usagef("unexpected arguments %q: this lesson takes none", fs.Args())
	}
	for _, user := range []string{"alice", "dave", "bob", "carol"} {
		n, err := age(user)
		switch {
		case err == nil:
			fmt.Fprintln(stdout, "ok:", user, n)
		case errors.Is(err, errNotFound): // == would fail: err is a wrapper
			fmt.Fprintln(stdout, "missing:", err)
		default:
			var rangeErr *rangeError
			if errors.As(err, &rangeErr) {
				fmt.Fprintln(stdout, "bad value:", err, "| field", rangeErr.Field, "value", rangeErr.Value)
			} else if numErr, ok := errors.AsType[*strconv.NumError](err); ok { // Go 1.26
				fmt.Fprintln(stdout, "not a number:", err, "| input", strconv.Quote(numErr.Num))
			} else {
				fmt.Fprintln(stdout, "unexpected:", err)
			}
		}
	}

	// errors.Join bundles several errors; Is/As still see each of them.
	both := errors.Join(errNotFound, &rangeError{"x", 200})
	fmt.Fprintf(stdout, "joined: %q, is errNotFound: %v\n", both.Error(), errors.Is(both, errNotFound))

	// panic is for bugs and impossible states (index out of range, nil map
	// write), not for expected failures. A boundary such as an HTTP handler
	// or a worker loop may recover and turn the panic into an error, so one
	// bad request does not kill the whole process.
	fmt.Fprintln(stdout, "safeCall:", safeCall(func() { fmt.Fprintln(stdout, "fine, no panic") }))
	fmt.Fprintln(stdout, "safeCall:", safeCall(func() {
		var items []int
		_ = items[3] // runtime panic: index out of range
	}))
	fmt.Fprintln(stdout, "program continues after the recovered panic")
	return nil
}

// safeCall runs f and converts a panic into an error. recover only works
// inside a deferred function; the named result lets the defer set err.
func safeCall(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("recovered from panic: %v", r)
		}
	}()
	f()
	return nil
}

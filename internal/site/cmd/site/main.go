// Command site generates cloudgo's website into a folder (`make site`):
//
//	go run ./internal/site/cmd/site -out _site
//
// Run `make demo` first so the example pages show the demo's output; an example
// without demo output says so.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"example.com/cloudgo/internal/site"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// usageError is a bad flag or flag value: exit status 2.
type usageError struct{ error }

func exit(err error) {
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		os.Exit(0)
	case errors.As(err, new(usageError)):
		fmt.Fprintln(os.Stderr, "site:", err)
		os.Exit(2)
	default:
		fmt.Fprintln(os.Stderr, "site:", err)
		os.Exit(1)
	}
}

func run(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("site", flag.ContinueOnError)
	fs.SetOutput(stderr)
	root := fs.String("root", ".", "repository root")
	out := fs.String("out", "_site", "folder to write the site into (replaced; only a folder it made before)")
	demo := fs.String("demo", ".demo", "folder of the demo logs, <topic>.txt (relative to -root)")
	repo := fs.String("repo", "https://github.com/example/cloudgo/blob/main", "URL prefix of links to source files")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Errorf("unexpected arguments: %q", fs.Args())}
	}
	if *out == "" || *repo == "" {
		return usageError{errors.New("-out and -repo must not be empty")}
	}
	start := time.Now()
	s, err := site.Discover(site.Config{Root: *root, Demo: *demo, Repo: *repo})
	if err != nil {
		return fmt.Errorf("read %s: %w", *root, err)
	}
	files, err := site.Build(s)
	if err != nil {
		return err
	}
	if err := site.Write(*out, files); err != nil {
		return fmt.Errorf("write %s: %w", *out, err)
	}
	withOutput := 0
	for _, e := range s.Examples() {
		if e.HasDemo {
			withOutput++
		}
	}
	fmt.Fprintf(stdout, "site: %d topics, %d examples (%d with demo output), %d files in %s (%s)\n",
		len(s.Topics), len(s.Examples()), withOutput, len(files)+1, *out, time.Since(start).Round(time.Millisecond))
	return nil
}

// Command files shows the everyday file-system moves (the Python original's os.makedirs
// and os.path.exists) done right in Go: MkdirAll, honest existence checks,
// temp dirs that clean up, walking a tree, and atomic writes.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"example.com/cloudgo/linux/atomicfile"
	"example.com/cloudgo/linux/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("files", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(_ context.Context, args []string, out, stderr io.Writer) error {
	fset := flag.NewFlagSet("files", flag.ContinueOnError)
	fset.SetOutput(stderr)
	if err := cli.Parse(fset, args); err != nil {
		return err
	}
	if fset.NArg() > 0 {
		return cli.Usagef("no arguments expected, got %q", fset.Args())
	}
	// A private temp dir instead of a fixed /tmp/myfolder: no clash with
	// other users or runs, and RemoveAll cleans up whatever happens.
	root, err := os.MkdirTemp("", "files-demo-")
	if err != nil {
		return fmt.Errorf("make temp dir: %w", err)
	}
	defer os.RemoveAll(root)

	// os.makedirs('/tmp/myfolder') raises if it exists; MkdirAll is
	// idempotent, so "make sure it exists" is a single call.
	folder := filepath.Join(root, "myfolder", "logs", "2026")
	for range 2 {
		if err := os.MkdirAll(folder, 0o755); err != nil {
			return fmt.Errorf("mkdir -p %s: %w", folder, err)
		}
	}
	fmt.Fprintln(out, "MkdirAll twice: ok")

	for _, p := range []string{folder, filepath.Join(root, "nope")} {
		state, err := exists(p)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "%s: %s\n", rel(root, p), state)
	}

	// Atomic write: readers never see a half-written file.
	cfg := filepath.Join(root, "myfolder", "config.ini")
	for _, content := range []string{"version=1\n", "version=2\n"} {
		if err := atomicfile.WriteFile(cfg, []byte(content), 0o644); err != nil {
			return err
		}
	}
	data, err := os.ReadFile(cfg)
	if err != nil {
		return fmt.Errorf("read %s: %w", cfg, err)
	}
	fmt.Fprintf(out, "config.ini after two atomic writes: %q\n", data)
	if err := os.WriteFile(filepath.Join(folder, "app.log"), []byte("started\n"), 0o644); err != nil {
		return fmt.Errorf("write app.log: %w", err)
	}

	// WalkDir visits in lexical order and hands out DirEntry values, so
	// no extra stat per file unless we ask for Info.
	fmt.Fprintln(out, "tree:")
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("walk %s: %w", p, err) // or return nil to skip unreadable parts
		}
		if p == root {
			return nil
		}
		kind := "file"
		if d.IsDir() {
			kind = "dir "
		}
		fmt.Fprintf(out, "  %s %s\n", kind, rel(root, p))
		return nil
	})
}

// exists answers "is it there?" with three outcomes, not two: a
// permission or I/O error means "cannot tell", which os.path.exists
// silently reports as False.
func exists(p string) (string, error) {
	fi, err := os.Stat(p)
	switch {
	case err == nil && fi.IsDir():
		return "folder exists", nil
	case err == nil:
		return "exists (not a folder)", nil
	case errors.Is(err, fs.ErrNotExist):
		return "does not exist", nil
	default:
		return "", fmt.Errorf("check %s: %w", p, err)
	}
}

func rel(root, p string) string {
	r, err := filepath.Rel(root, p)
	if err != nil {
		return p
	}
	return r
}

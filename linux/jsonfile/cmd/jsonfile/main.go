// Command jsonfile writes and reads the Python original's person.json the Go
// way: a struct with tags, an atomic save, strict loading, and errors that
// say where in the file the problem is (package jsonfile does the work).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"example.com/cloudgo/linux/internal/cli"
	"example.com/cloudgo/linux/jsonfile"
)

// person is {"name":"Alice","age":25}. Tags name the JSON keys; omitempty
// keeps optional fields out of the file when unset.
type person struct {
	Name  string   `json:"name"`
	Age   int      `json:"age"`
	Email string   `json:"email,omitempty"`
	Tags  []string `json:"tags,omitempty"`
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("jsonfile", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("jsonfile", flag.ContinueOnError)
	fs.SetOutput(stderr)
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return cli.Usagef("no arguments expected, got %q", fs.Args())
	}
	dir, err := os.MkdirTemp("", "jsonfile-demo-")
	if err != nil {
		return fmt.Errorf("make temp dir: %w", err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "person.json")

	if err := jsonfile.Save(path, person{Name: "Alice", Age: 25}); err != nil {
		return err
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	fmt.Fprintf(stdout, "person.json:\n%s", raw)

	var p person
	if err := jsonfile.Load(path, &p); err != nil {
		return err
	}
	fmt.Fprintln(stdout, p.Name, p.Age) // Alice 25, as the Python original prints

	// Malformed files get an error with line and column, not just an offset.
	for _, bad := range []string{
		"{\n  \"name\": \"Bob\",\n  \"age\": 30,\n}\n",
		"{\n  \"name\": \"Bob\",\n  \"age\": \"thirty\"\n}\n",
		"{\"name\": \"Bob\", \"agee\": 30}\n",
		"{\"name\": \"Bob\", \"age\": 30}}\n",
	} {
		badPath := filepath.Join(dir, "bad.json")
		if err := os.WriteFile(badPath, []byte(bad), 0o644); err != nil {
			return fmt.Errorf("write %s: %w", badPath, err)
		}
		var q person
		err := jsonfile.Load(badPath, &q)
		fmt.Fprintf(stdout, "load bad.json: %s\n", strings.ReplaceAll(fmt.Sprint(err), dir+"/", ""))
	}
	return nil
}

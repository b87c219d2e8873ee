package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"example.com/cloudgo/compute/internal/cli"
)

// Example runs the whole program: stdin in, stdout out.
func Example() {
	stdin = strings.NewReader("The cat sat on the mat.\nThe CAT'S hat — café, Café!\n中文 中文")
	defer func() { stdin = os.Stdin }()
	if err := run(context.Background(), []string{"-top", "4"}, os.Stdout, os.Stderr); err != nil {
		panic(err)
	}
	// Output:
	// the	3
	// café	2
	// cat	2
	// 中文	2
}

func TestFileAndThreads(t *testing.T) {
	in := filepath.Join(t.TempDir(), "in.txt")
	if err := os.WriteFile(in, []byte("b a b c b a\nC C"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), []string{"-threads", "1", "-v", in}, &stdout, &stderr); err != nil {
		t.Fatalf("run: %v\nstderr: %s", err, stderr.String())
	}
	if got, want := stdout.String(), "b\t3\nc\t3\na\t2\n"; got != want {
		t.Errorf("stdout %q, want %q", got, want)
	}
	if !strings.Contains(stderr.String(), "query") {
		t.Errorf("-v: stderr %q, want the timings", stderr.String())
	}
}

// TestBadFlags: bad flag values are usage errors (exit status 2), found before
// any input is read.
func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"-top", "-1"}, {"-top", "many"}, {"-threads", "-1"}, {"-threads", "100000"}, {"-no-such-flag"}, {"a", "b"},
	} {
		var stderr bytes.Buffer
		if err := run(context.Background(), args, &bytes.Buffer{}, &stderr); cli.Code(err) != 2 {
			t.Errorf("run(%q) = %v (exit %d), want exit 2", args, err, cli.Code(err))
		}
	}
}

func TestMissingInput(t *testing.T) {
	err := run(context.Background(), []string{"/no/such/file.txt"}, &bytes.Buffer{}, &bytes.Buffer{})
	if cli.Code(err) != 1 || !strings.Contains(err.Error(), "/no/such/file.txt") {
		t.Errorf("err = %v (exit %d), want exit 1 naming the file", err, cli.Code(err))
	}
}

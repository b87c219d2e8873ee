package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const sample = "The cat sat on the mat.\nThe CAT'S hat — café, Café!\n中文 中文"

func Example() {
	in := strings.NewReader(sample)
	if err := run(context.Background(), []string{"-mode", "sequential", "-top", "4"}, in, os.Stdout); err != nil {
		panic(err)
	}
	// Output:
	// the	3
	// café	2
	// cat	2
	// 中文	2
}

func TestModesAgreeOnFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "in.txt")
	if err := os.WriteFile(path, []byte(strings.Repeat(sample+"\n", 500)), 0o644); err != nil {
		t.Fatal(err)
	}
	var seq, par strings.Builder
	if err := run(context.Background(), []string{"-mode", "sequential", path}, nil, &seq); err != nil {
		t.Fatal(err)
	}
	if err := run(context.Background(), []string{"-workers", "3", "-chunk", "1", path}, nil, &par); err != nil {
		t.Fatal(err)
	}
	if seq.String() != par.String() || !strings.HasPrefix(seq.String(), "the\t1500\n") {
		t.Errorf("sequential:\n%s\nparallel:\n%s", seq.String(), par.String())
	}
}

func TestBadInput(t *testing.T) {
	for _, args := range [][]string{{"/no/such/file"}, {"-mode", "magic"}, {"a", "b"}} {
		err := run(context.Background(), args, strings.NewReader(""), &strings.Builder{})
		if err == nil {
			t.Errorf("run(%q): no error", args)
		}
	}
	err := run(context.Background(), []string{"/no/such/file"}, nil, &strings.Builder{})
	if !strings.Contains(err.Error(), "/no/such/file") {
		t.Errorf("error %q does not name the file", err)
	}
}

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

const sample = "The cat sat on the mat.\nThe CAT'S hat — café, Café!\n中文 中文"

func Example() {
	stdin = strings.NewReader(sample)
	defer func() { stdin = os.Stdin }()
	if err := run(context.Background(), []string{"-mode", "sequential", "-top", "4"}, os.Stdout, os.Stderr); err != nil {
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
	if err := run(context.Background(), []string{"-mode", "sequential", path}, &seq, os.Stderr); err != nil {
		t.Fatal(err)
	}
	if err := run(context.Background(), []string{"-workers", "3", "-chunk", "1", path}, &par, os.Stderr); err != nil {
		t.Fatal(err)
	}
	if seq.String() != par.String() || !strings.HasPrefix(seq.String(), "the\t1500\n") {
		t.Errorf("sequential:\n%s\nparallel:\n%s", seq.String(), par.String())
	}
}

func TestMissingFile(t *testing.T) {
	err := run(context.Background(), []string{"/no/such/file"}, &bytes.Buffer{}, &bytes.Buffer{})
	if cli.Code(err) != 1 || !strings.Contains(err.Error(), "/no/such/file") {
		t.Errorf("err = %v (exit %d), want exit 1 naming the file", err, cli.Code(err))
	}
}

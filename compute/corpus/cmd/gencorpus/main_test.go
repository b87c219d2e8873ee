package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"example.com/cloudgo/compute/internal/cli"
)

func TestWritesFileOfRequestedSize(t *testing.T) {
	path := filepath.Join(t.TempDir(), "corpus.txt")
	if err := run(context.Background(), []string{"-size", "0.05", "-seed", "3", "-o", path}, &strings.Builder{}, os.Stderr); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Size() < 50_000 || fi.Size() > 50_100 {
		t.Errorf("size %d, want about 50000", fi.Size())
	}
	var stdout strings.Builder
	if err := run(context.Background(), []string{"-size", "0.05", "-seed", "3"}, &stdout, os.Stderr); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != stdout.String() {
		t.Error("the file and stdout differ for the same seed")
	}
	if err := run(context.Background(), []string{"-o", "/no/such/dir/x.txt"}, &strings.Builder{}, &strings.Builder{}); cli.Code(err) != 1 {
		t.Error("an unwritable output path: want exit 1")
	}
}

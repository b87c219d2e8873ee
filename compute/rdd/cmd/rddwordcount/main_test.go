package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"example.com/cloudgo/compute/internal/cli"
	"example.com/cloudgo/compute/internal/wordtest"
	"example.com/cloudgo/compute/words"
)

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

// TestAgreesWithSequential: the RDD version prints exactly what the
// sequential streaming counter prints, whatever the number of partitions.
func TestAgreesWithSequential(t *testing.T) {
	inputs := wordtest.Tricky()
	inputs["generated"] = wordtest.Generated(1<<20, 11)
	for name, in := range inputs {
		counts, err := words.Count(bytes.NewReader(in))
		if err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		if err := words.Write(&want, words.Sorted(counts), 0); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "in.txt")
		if err := os.WriteFile(path, in, 0o644); err != nil {
			t.Fatal(err)
		}
		for _, parts := range []string{"1", "3", "16"} {
			var got bytes.Buffer
			if err := run(context.Background(), []string{"-partitions", parts, path}, &got, os.Stderr); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Errorf("%s, %s partitions: output differs from the sequential count (%d vs %d bytes)", name, parts, got.Len(), want.Len())
			}
		}
	}
}

func TestMissingFile(t *testing.T) {
	err := run(context.Background(), []string{"/no/such/file.txt"}, &bytes.Buffer{}, &bytes.Buffer{})
	if cli.Code(err) != 1 || !strings.Contains(err.Error(), "/no/such/file.txt") {
		t.Errorf("err = %v (exit %d), want exit 1 naming the file", err, cli.Code(err))
	}
}

package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	out := filepath.Join(t.TempDir(), "site")
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"-root", "../../testdata/repo", "-out", out}, &stdout, &stderr)
	if err != nil {
		t.Fatalf("run: %v (stderr %s)", err, stderr.String())
	}
	if !strings.Contains(stdout.String(), "2 topics, 5 examples (3 with demo output)") {
		t.Errorf("stdout %q", stdout.String())
	}
	for _, f := range []string{"index.html", "style.css", "alpha/index.html", "alpha/hello.html"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Error(err)
		}
	}
}

func TestRunBadFlags(t *testing.T) {
	for _, args := range [][]string{{"-nope"}, {"extra"}, {"-out", ""}, {"-repo", ""}} {
		var stdout, stderr bytes.Buffer
		err := run(context.Background(), args, &stdout, &stderr)
		if !errors.As(err, new(usageError)) {
			t.Errorf("%q: %v, want a usage error (exit 2)", args, err)
		}
	}
	var stderr bytes.Buffer
	if err := run(context.Background(), []string{"-h"}, &bytes.Buffer{}, &stderr); !errors.Is(err, flag.ErrHelp) || !strings.Contains(stderr.String(), "-demo") {
		t.Errorf("-h: %v, usage %q", err, stderr.String())
	}
}

func TestRunRefusesAForeignFolder(t *testing.T) {
	out := t.TempDir()
	if err := os.WriteFile(filepath.Join(out, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := run(context.Background(), []string{"-root", "../../testdata/repo", "-out", out}, &bytes.Buffer{}, &bytes.Buffer{})
	if err == nil || errors.As(err, new(usageError)) || !strings.Contains(err.Error(), out) {
		t.Errorf("run into a folder it did not make: %v, want a runtime error naming it", err)
	}
}

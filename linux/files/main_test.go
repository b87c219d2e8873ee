package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"example.com/cloudgo/linux/internal/cli"
)

func TestRunOutput(t *testing.T) {
	var out, errb bytes.Buffer
	if err := run(context.Background(), nil, &out, &errb); err != nil {
		t.Fatal(err)
	}
	want := `MkdirAll twice: ok
myfolder/logs/2026: folder exists
nope: does not exist
config.ini after two atomic writes: "version=2\n"
tree:
  dir  myfolder
  file myfolder/config.ini
  dir  myfolder/logs
  dir  myfolder/logs/2026
  file myfolder/logs/2026/app.log
`
	if out.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", out.String(), want)
	}
}

func TestExistsDistinguishesCannotTell(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "f")
	os.WriteFile(f, nil, 0o644)
	if s, err := exists(f); err != nil || s != "exists (not a folder)" {
		t.Errorf("file: %q %v", s, err)
	}
	// A path "through" a regular file is ENOTDIR: not "missing", an error.
	if s, err := exists(filepath.Join(f, "child")); err == nil {
		t.Errorf("path below a file: want an error, got %q", s)
	}
	// A name too long for the kernel (ENAMETOOLONG): "cannot tell" even for root.
	if s, err := exists(filepath.Join(dir, strings.Repeat("n", 300))); err == nil {
		t.Errorf("over-long name: want an error, got %q", s)
	}
	if os.Geteuid() == 0 {
		return // root searches any directory: the permission-denied variant below needs a normal user
	}
	locked := filepath.Join(dir, "locked")
	os.Mkdir(locked, 0o000)
	defer os.Chmod(locked, 0o755)
	if s, err := exists(filepath.Join(locked, "x")); err == nil {
		t.Errorf("inside unsearchable dir: want an error, got %q", s)
	}
}

func TestBadArgumentsExit2(t *testing.T) {
	for _, args := range [][]string{{"-x"}, {"extra"}} {
		var out, errb bytes.Buffer
		if err := run(context.Background(), args, &out, &errb); cli.Code(err) != 2 {
			t.Errorf("run %q = %v, want exit 2", args, err)
		}
	}
}

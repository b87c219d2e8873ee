package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteFileReplacesAndKeepsMode(t *testing.T) {
	p := filepath.Join(t.TempDir(), "conf")
	if err := os.WriteFile(p, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(p, []byte("new"), 0o640); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(p)
	fi, _ := os.Stat(p)
	if string(b) != "new" || fi.Mode().Perm() != 0o640 {
		t.Errorf("content %q mode %v, want new 0640", b, fi.Mode().Perm())
	}
	if l, _ := Leftovers(p); len(l) != 0 {
		t.Errorf("temp files left: %v", l)
	}
}

func TestFailedWriteLeavesOldFileAndNoTemp(t *testing.T) {
	p := filepath.Join(t.TempDir(), "conf")
	os.WriteFile(p, []byte("precious"), 0o644)
	boom := errors.New("disk on fire")
	err := Write(p, 0o644, func(w io.Writer) error {
		io.WriteString(w, "half a fi")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("want the fill error, got %v", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "precious" {
		t.Errorf("old content damaged: %q", b)
	}
	if l, _ := Leftovers(p); len(l) != 0 {
		t.Errorf("temp files left: %v", l)
	}
}

func TestWriteIntoMissingDirFailsClearly(t *testing.T) {
	p := filepath.Join(t.TempDir(), "nope", "conf")
	err := WriteFile(p, []byte("x"), 0o644)
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("want ErrNotExist, got %v", err)
	}
}

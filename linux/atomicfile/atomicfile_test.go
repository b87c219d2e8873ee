package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestWriteFileReplacesAndKeepsMode(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
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

// Issue 13.6: the requested mode goes through the umask, as with
// os.WriteFile; a 0o666 request must not give a world-writable file.
func TestWriteFileHonoursUmaskLikeOsWriteFile(t *testing.T) {
	old := syscall.Umask(0o022) // test-only: the library never changes it
	defer syscall.Umask(old)
	dir := t.TempDir()
	for _, perm := range []os.FileMode{0o666, 0o640, 0o777} {
		ours, theirs := filepath.Join(dir, "ours"), filepath.Join(dir, "theirs")
		if err := WriteFile(ours, []byte("x"), perm); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(theirs, []byte("x"), perm); err != nil {
			t.Fatal(err)
		}
		a, _ := os.Stat(ours)
		b, _ := os.Stat(theirs)
		if a.Mode() != b.Mode() {
			t.Errorf("WriteFile(%v) gave %v, os.WriteFile gives %v", perm, a.Mode(), b.Mode())
		}
		os.Remove(ours)
		os.Remove(theirs)
	}
}

// Issue 13.6: when the rename succeeded but the directory fsync failed,
// the error must say the new content is in place (not "nothing written").
func TestErrorAfterRenameSaysContentIsInPlace(t *testing.T) {
	p := filepath.Join(t.TempDir(), "conf")
	os.WriteFile(p, []byte("old"), 0o644)
	boom := errors.New("EIO from the disk")
	orig := syncDir
	syncDir = func(string) error { return boom }
	defer func() { syncDir = orig }()

	err := WriteFile(p, []byte("new"), 0o644)
	var nd *NotDurableError
	if !errors.As(err, &nd) || !errors.Is(err, boom) {
		t.Fatalf("want a *NotDurableError wrapping the fsync error, got %T %v", err, err)
	}
	if !strings.Contains(err.Error(), "new content is in place") {
		t.Errorf("message should say the content is in place: %v", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "new" {
		t.Errorf("content %q, want the new one (the rename happened)", b)
	}
	if l, _ := Leftovers(p); len(l) != 0 {
		t.Errorf("temp files left: %v", l)
	}
}

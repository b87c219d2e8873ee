// Package atomicfile replaces a file's content all at once: readers, and
// the file system after a crash or kill -9, see either the complete old
// file or the complete new one, never a mix or a truncated file.
//
// The recipe: write to a temporary file in the SAME directory (rename is
// only atomic within one file system), fsync it so the data is on disk
// before the name points at it, rename it over the target, then fsync the
// directory so the rename itself survives a power cut.
package atomicfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
)

// NotDurableError means the rename succeeded, so the new content is in
// place and readers see it, but the directory could not be fsynced: after
// a crash or power cut the old content may come back. Retrying the write
// is safe; treating it as "nothing was written" is not.
type NotDurableError struct {
	Name string
	Err  error
}

func (e *NotDurableError) Error() string {
	return fmt.Sprintf("%s: new content is in place, but the rename is not confirmed durable: %v", e.Name, e.Err)
}

func (e *NotDurableError) Unwrap() error { return e.Err }

// WriteFile atomically replaces name with data.
func WriteFile(name string, data []byte, perm fs.FileMode) error {
	return Write(name, perm, func(w io.Writer) error {
		_, err := io.Copy(w, bytes.NewReader(data))
		return err
	})
}

// Write atomically replaces name with whatever fill writes. perm goes
// through the umask, as with os.WriteFile. If fill or any step up to the
// rename fails, the target is untouched and the temporary file is removed;
// a failure after the rename is a *NotDurableError.
func Write(name string, perm fs.FileMode, fill func(io.Writer) error) error {
	dir, base := filepath.Split(name)
	if dir == "" {
		dir = "."
	}
	tmp, err := createTemp(dir, base, perm)
	if err != nil {
		return fmt.Errorf("create temp file for %s: %w", name, err)
	}
	if err := fillAndClose(tmp, fill); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("rename %s to %s: %w", tmp.Name(), name, err)
	}
	if err := syncDir(dir); err != nil {
		return &NotDurableError{Name: name, Err: err}
	}
	return nil
}

// createTemp is os.CreateTemp with a mode: the kernel applies the umask
// to perm when it creates the file, exactly as for os.WriteFile (a later
// Chmod(perm) would bypass the umask). The leading dot hides the file from
// ls and globs; the pattern makes a killed writer's leftovers easy to find.
func createTemp(dir, base string, perm fs.FileMode) (*os.File, error) {
	for range 100 {
		p := filepath.Join(dir, "."+base+".tmp-"+strconv.FormatUint(uint64(rand.Uint32()), 10))
		f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
	return nil, fmt.Errorf("no unused temp name in %s", dir)
}

func fillAndClose(tmp *os.File, fill func(io.Writer) error) error {
	if err := fill(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", tmp.Name(), err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("fsync %s: %w", tmp.Name(), err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("close %s: %w", tmp.Name(), err)
	}
	return nil
}

// syncDir is a variable so a test can make it fail after the rename.
var syncDir = func(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("open dir %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("fsync dir %s: %w", dir, err)
	}
	return nil
}

// Leftovers lists temporary files a killed writer of name left behind;
// they are safe to delete (the target was never touched).
func Leftovers(name string) ([]string, error) {
	dir, base := filepath.Split(name)
	if dir == "" {
		dir = "."
	}
	return filepath.Glob(filepath.Join(dir, "."+base+".tmp-*"))
}

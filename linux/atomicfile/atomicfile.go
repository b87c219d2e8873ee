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
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// WriteFile atomically replaces name with data.
func WriteFile(name string, data []byte, perm fs.FileMode) error {
	return Write(name, perm, func(w io.Writer) error {
		_, err := io.Copy(w, bytes.NewReader(data))
		return err
	})
}

// Write atomically replaces name with whatever fill writes. If fill or any
// step fails, the target is untouched and the temporary file is removed.
func Write(name string, perm fs.FileMode, fill func(io.Writer) error) (err error) {
	dir, base := filepath.Split(name)
	if dir == "" {
		dir = "."
	}
	// The leading dot hides the temp file from ls and globs; the pattern
	// makes leftovers of a killed writer easy to recognise and clean.
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return fmt.Errorf("create temp file for %s: %w", name, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := fill(tmp); err != nil {
		return fmt.Errorf("write %s: %w", tmp.Name(), err)
	}
	if err := tmp.Chmod(perm); err != nil { // CreateTemp makes 0600
		return fmt.Errorf("chmod %s: %w", tmp.Name(), err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("fsync %s: %w", tmp.Name(), err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("close %s: %w", tmp.Name(), err)
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		return fmt.Errorf("rename %s to %s: %w", tmp.Name(), name, err)
	}
	return syncDir(dir)
}

func syncDir(dir string) error {
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

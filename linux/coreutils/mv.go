package coreutils

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// Mv renames files like GNU mv. A single rename(2) is atomic: an existing
// target file is replaced in one step, so a reader sees either the old or
// the new file, never a mix. -n keeps an existing target; -f is accepted
// (we never prompt, just like GNU when stdin is not a terminal).
func Mv(args []string, _ io.Reader, _, stderr io.Writer) int {
	o, ok := parseOpts("mv", args, "fnv", "", stderr)
	if !ok {
		return 1
	}
	ops := o.operands
	switch len(ops) {
	case 0:
		fmt.Fprintln(stderr, "mv: missing file operand")
		tryHelp("mv", stderr)
		return 1
	case 1:
		fmt.Fprintf(stderr, "mv: missing destination file operand after %s\n", quote(ops[0]))
		tryHelp("mv", stderr)
		return 1
	}
	target := ops[len(ops)-1]
	srcs := ops[:len(ops)-1]
	intoDir := isDir(target)
	if len(srcs) > 1 && !intoDir {
		fmt.Fprintf(stderr, "mv: target %s: Not a directory\n", quote(target))
		return 1
	}
	status := 0
	for _, src := range srcs {
		dst := target
		if intoDir {
			dst = filepath.Join(target, filepath.Base(strings.TrimRight(src, "/")))
		}
		if msg := moveOne(src, dst, o.has('n')); msg != "" {
			fmt.Fprintln(stderr, "mv: "+msg)
			status = 1
		}
	}
	return status
}

// moveOne returns a GNU-worded message on failure, "" on success.
func moveOne(src, dst string, noClobber bool) string {
	si, err := os.Lstat(src)
	if err != nil {
		return fmt.Sprintf("cannot stat %s: %s", quote(src), errText(err))
	}
	di, derr := os.Lstat(dst)
	if derr == nil {
		if os.SameFile(si, di) {
			return fmt.Sprintf("%s and %s are the same file", quote(src), quote(dst))
		}
		if noClobber {
			return ""
		}
		if si.IsDir() && !di.IsDir() {
			return fmt.Sprintf("cannot overwrite non-directory %s with directory %s", quote(dst), quote(src))
		}
		if !si.IsDir() && di.IsDir() {
			return fmt.Sprintf("cannot overwrite directory %s with non-directory %s", quote(dst), quote(src))
		}
	}
	if si.IsDir() && inside(src, dst) {
		return fmt.Sprintf("cannot move %s to a subdirectory of itself, %s", quote(src), quote(dst))
	}
	err = os.Rename(src, dst)
	if errors.Is(err, syscall.EXDEV) && si.Mode().IsRegular() {
		err = copyThenRemove(src, dst, si.Mode().Perm())
	}
	if err != nil {
		if errors.Is(err, syscall.ENOTEMPTY) || errors.Is(err, syscall.EEXIST) {
			return fmt.Sprintf("cannot move %s to %s: Directory not empty", quote(src), quote(dst))
		}
		return fmt.Sprintf("cannot move %s to %s: %s", quote(src), quote(dst), errText(err))
	}
	return ""
}

// inside reports whether dst lies within directory src.
func inside(src, dst string) bool {
	a, err1 := filepath.Abs(src)
	b, err2 := filepath.Abs(dst)
	return err1 == nil && err2 == nil && strings.HasPrefix(b+"/", a+"/")
}

// copyThenRemove moves a regular file across file systems. The source is
// removed only after the copy is complete and synced, so a crash in the
// middle leaves the original in place.
func copyThenRemove(src, dst string, perm fs.FileMode) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	tmp, err := os.CreateTemp(filepath.Dir(dst), ".mv-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	if _, err := io.Copy(tmp, in); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(perm); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), dst); err != nil {
		return err
	}
	return os.Remove(src)
}

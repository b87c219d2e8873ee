package coreutils

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"

	"golang.org/x/sys/unix"
)

// Rm removes files; -r removes directories recursively, -f ignores missing
// files and never fails on them. Like GNU it refuses, before touching
// anything, to recurse into "/" or to remove an operand whose last
// component is "." or "..".
func Rm(args []string, _ io.Reader, _, stderr io.Writer) int {
	o, ok := parseOpts("rm", args, "rRfdv", "", stderr)
	if !ok {
		return 1
	}
	recursive := o.has('r') || o.has('R')
	force := o.has('f')
	if len(o.operands) == 0 {
		if force {
			return 0
		}
		fmt.Fprintln(stderr, "rm: missing operand")
		tryHelp("rm", stderr)
		return 1
	}
	status := 0
	for _, name := range o.operands {
		if base := lastComponent(name); base == "." || base == ".." {
			fmt.Fprintf(stderr, "rm: refusing to remove '.' or '..' directory: skipping %s\n", quote(name))
			status = 1
			continue
		}
		if recursive && isRootDir(name) {
			shown := quote(rootSpelling(name))
			if shown != "'/'" {
				shown += " (same as '/')"
			}
			fmt.Fprintf(stderr, "rm: it is dangerous to operate recursively on %s\n", shown)
			fmt.Fprintln(stderr, "rm: use --no-preserve-root to override this failsafe")
			status = 1
			continue
		}
		if !removeOne(name, recursive, force, o.has('d'), stderr) {
			status = 1
		}
	}
	return status
}

// lastComponent is the final path element, ignoring trailing slashes
// (filepath.Base would clean "d/.." to "d" and hide the danger).
func lastComponent(name string) string {
	name = strings.TrimRight(name, "/")
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		return name[i+1:]
	}
	return name
}

// isRootDir reports whether name is the root directory, however it is
// spelled ("/", "//", "/usr/.."). Lstat: a symlink to / is just a link,
// and removing it is harmless.
func isRootDir(name string) bool {
	fi, err := os.Lstat(name)
	if err != nil {
		return false
	}
	root, err := os.Stat("/")
	return err == nil && os.SameFile(fi, root)
}

// rootSpelling trims redundant trailing slashes the way GNU (fts) shows
// them: "///" is "/", but "//" is kept, since POSIX lets it differ from "/".
func rootSpelling(name string) string {
	if strings.Trim(name, "/") == "" && len(name) != 2 {
		return "/"
	}
	return name
}

func removeOne(name string, recursive, force, emptyDirs bool, stderr io.Writer) bool {
	fi, err := os.Lstat(name)
	if err != nil {
		if force && errors.Is(err, fs.ErrNotExist) {
			return true
		}
		fmt.Fprintf(stderr, "rm: cannot remove %s: %s\n", quote(name), errText(err))
		return false
	}
	if fi.IsDir() {
		if !recursive {
			if emptyDirs {
				return report(unix.Rmdir(name), name, stderr)
			}
			fmt.Fprintf(stderr, "rm: cannot remove %s: Is a directory\n", quote(name))
			return false
		}
		fd, err := unix.Open(name, dirFlags, 0)
		if err == unix.ELOOP || err == unix.ENOTDIR {
			return report(unix.Unlink(name), name, stderr) // swapped for a link or file since the Lstat
		}
		if err != nil {
			return report(err, name, stderr)
		}
		return removeContents(fd, name, stderr) && report(unix.Rmdir(name), name, stderr)
	}
	return report(os.Remove(name), name, stderr)
}

// dirFlags open a directory to work inside it. O_NOFOLLOW is what makes
// rm -r safe against a directory swapped for a symlink after we looked at
// it: the open fails instead of following the link.
const dirFlags = unix.O_RDONLY | unix.O_DIRECTORY | unix.O_NOFOLLOW | unix.O_CLOEXEC

// removeContents empties the open directory dirfd (and closes it),
// reporting every failure but carrying on with the rest. Every step is
// relative to an open directory (unlinkat, openat with O_NOFOLLOW), never
// a path looked up again, so a directory replaced by a symlink mid-way is
// removed as a link and never entered.
func removeContents(dirfd int, dir string, stderr io.Writer) bool {
	f := os.NewFile(uintptr(dirfd), dir)
	defer f.Close()
	ents, err := f.ReadDir(-1)
	if err != nil {
		return report(err, dir, stderr)
	}
	slices.SortFunc(ents, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	ok := true
	for _, e := range ents {
		n, p := e.Name(), joinPath(dir, e.Name())
		if !e.IsDir() {
			err := unix.Unlinkat(dirfd, n, 0)
			if err != unix.EISDIR { // EISDIR: it became a directory since ReadDir
				ok = report(err, p, stderr) && ok
				continue
			}
		}
		ok = removeSubdir(dirfd, n, p, stderr) && ok
	}
	return ok
}

func removeSubdir(dirfd int, name, path string, stderr io.Writer) bool {
	fd, err := unix.Openat(dirfd, name, dirFlags, 0)
	if err == unix.ELOOP || err == unix.ENOTDIR { // no longer a directory: remove the link or file itself
		return report(unix.Unlinkat(dirfd, name, 0), path, stderr)
	}
	if err != nil {
		return report(err, path, stderr)
	}
	if !removeContents(fd, path, stderr) {
		return false // the directory cannot be empty; GNU stays quiet about it too
	}
	return report(unix.Unlinkat(dirfd, name, unix.AT_REMOVEDIR), path, stderr)
}

func report(err error, name string, stderr io.Writer) bool {
	if err == nil {
		return true
	}
	fmt.Fprintf(stderr, "rm: cannot remove %s: %s\n", quote(name), errText(err))
	return false
}

// joinPath joins like the C tools do, keeping the operand's spelling
// ("./d" stays "./d/x"), unlike filepath.Join which cleans it.
func joinPath(dir, name string) string {
	if strings.HasSuffix(dir, "/") {
		return dir + name
	}
	return dir + "/" + name
}

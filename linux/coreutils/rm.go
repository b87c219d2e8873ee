package coreutils

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"
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
				return report(os.Remove(name), name, stderr)
			}
			fmt.Fprintf(stderr, "rm: cannot remove %s: Is a directory\n", quote(name))
			return false
		}
		return removeTree(name, stderr)
	}
	return report(os.Remove(name), name, stderr)
}

// removeTree deletes children first, reporting every failure but carrying
// on with the rest, and never follows symlinks (Lstat + ReadDir of real
// directories only).
func removeTree(dir string, stderr io.Writer) bool {
	f, err := os.Open(dir)
	if err != nil {
		fmt.Fprintf(stderr, "rm: cannot remove %s: %s\n", quote(dir), errText(err))
		return false
	}
	names, err := f.Readdirnames(-1)
	f.Close()
	if err != nil {
		fmt.Fprintf(stderr, "rm: cannot remove %s: %s\n", quote(dir), errText(err))
		return false
	}
	slices.Sort(names)
	ok := true
	for _, n := range names {
		p := joinPath(dir, n)
		fi, err := os.Lstat(p)
		switch {
		case err != nil:
			ok = report(err, p, stderr) && ok
		case fi.IsDir():
			ok = removeTree(p, stderr) && ok
		default:
			ok = report(os.Remove(p), p, stderr) && ok
		}
	}
	if !ok {
		return false // the directory cannot be empty; GNU stays quiet about it too
	}
	return report(os.Remove(dir), dir, stderr)
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

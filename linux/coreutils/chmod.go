package coreutils

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// Chmod changes permission bits: chmod [-Rf] MODE FILE...
// MODE is octal or symbolic (see ParseMode). An operand like "-w" is a
// mode, not an option, exactly as in GNU; for such modes GNU warns when
// the umask kept a bit from changing, and so do we.
func Chmod(args []string, _ io.Reader, _, stderr io.Writer) int {
	var rest []string
	var modeArg string
	haveMode, surprises := false, false
	for i, a := range args {
		if a == "--" {
			rest = append(rest, args[i:]...)
			break
		}
		if !haveMode && len(a) > 1 && a[0] == '-' && strings.Trim(a[1:], "rwxXstugoa,+-=01234567") == "" {
			modeArg, haveMode, surprises = a, true, true
			continue
		}
		rest = append(rest, a)
	}
	o, ok := parseOpts("chmod", rest, "Rf", "", stderr)
	if !ok {
		return 1
	}
	ops := o.operands
	if !haveMode && len(ops) > 0 {
		modeArg, haveMode, ops = ops[0], true, ops[1:]
	}
	if !haveMode {
		fmt.Fprintln(stderr, "chmod: missing operand")
		tryHelp("chmod", stderr)
		return 1
	}
	if len(ops) == 0 {
		fmt.Fprintf(stderr, "chmod: missing operand after %s\n", quoteArg(modeArg))
		tryHelp("chmod", stderr)
		return 1
	}
	mode, err := ParseMode(modeArg)
	if err != nil {
		fmt.Fprintf(stderr, "chmod: invalid mode: %s\n", quoteArg(modeArg))
		tryHelp("chmod", stderr)
		return 1
	}
	umask := processUmask()

	c := chmodder{mode: mode, umask: umask, quiet: o.has('f'), surprises: surprises, stderr: stderr}
	status := 0
	for _, name := range ops {
		if !c.one(name) {
			status = 1
		}
		if o.has('R') && isDir(name) {
			err := filepath.WalkDir(name, func(p string, d fs.DirEntry, err error) error {
				if p == name {
					return nil
				}
				if err != nil {
					c.fail("cannot access %s: %s", p, err)
					status = 1
					return nil
				}
				if d.Type()&fs.ModeSymlink != 0 {
					return nil // -R never follows or changes symlinks it meets
				}
				if !c.one(p) {
					status = 1
				}
				return nil
			})
			if err != nil {
				status = 1
			}
		}
	}
	return status
}

// processUmask reads the umask from /proc/self/status ("Umask:\t0022",
// Linux 4.7 and later) without changing it. umask(2) can only read it by
// setting it: in a library called in-process, another goroutine creating a
// file in between would get the wrong mode. Only where the line is missing
// does this fall back to that set-and-restore.
func processUmask() uint32 {
	if b, err := os.ReadFile("/proc/self/status"); err == nil {
		for line := range strings.Lines(string(b)) {
			if v, ok := strings.CutPrefix(line, "Umask:"); ok {
				if m, err := strconv.ParseUint(strings.TrimSpace(v), 8, 32); err == nil {
					return uint32(m)
				}
			}
		}
	}
	umask := syscall.Umask(0)
	syscall.Umask(umask)
	return uint32(umask)
}

type chmodder struct {
	mode             Mode
	umask            uint32
	quiet, surprises bool
	stderr           io.Writer
}

func (c chmodder) fail(format, name string, err error) {
	if !c.quiet {
		fmt.Fprintf(c.stderr, "chmod: "+format+"\n", quote(name), errText(err))
	}
}

func (c chmodder) one(name string) bool {
	fi, err := os.Stat(name)
	if err != nil {
		c.fail("cannot access %s: %s", name, err)
		return false
	}
	old := unixMode(fi.Mode())
	newMode := c.mode.Apply(old, fi.IsDir(), c.umask)
	if err := syscall.Chmod(name, newMode); err != nil {
		c.fail("changing permissions of %s: %s", name, err)
		return false
	}
	if c.surprises {
		naive := c.mode.Apply(old, fi.IsDir(), 0)
		if newMode&^naive != 0 {
			fmt.Fprintf(c.stderr, "chmod: %s: new permissions are %s, not %s\n", quotef(name),
				modeString(fsMode(newMode))[1:], modeString(fsMode(naive))[1:])
			return false
		}
	}
	return true
}

// unixMode converts Go's FileMode back to the st_mode permission bits.
func unixMode(m fs.FileMode) uint32 {
	v := uint32(m.Perm())
	if m&fs.ModeSetuid != 0 {
		v |= sUID
	}
	if m&fs.ModeSetgid != 0 {
		v |= sGID
	}
	if m&fs.ModeSticky != 0 {
		v |= sVTX
	}
	return v
}

func fsMode(v uint32) fs.FileMode {
	m := fs.FileMode(v & 0o777)
	if v&sUID != 0 {
		m |= fs.ModeSetuid
	}
	if v&sGID != 0 {
		m |= fs.ModeSetgid
	}
	if v&sVTX != 0 {
		m |= fs.ModeSticky
	}
	return m
}

package coreutils

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Mkdir creates directories. With -p missing parents are created and an
// existing directory is not an error; -v reports each one created.
func Mkdir(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	o, ok := parseOpts("mkdir", args, "pv", "", stderr)
	if !ok {
		return 1
	}
	if len(o.operands) == 0 {
		fmt.Fprintln(stderr, "mkdir: missing operand")
		tryHelp("mkdir", stderr)
		return 1
	}
	status := 0
	for _, d := range o.operands {
		var err error
		if o.has('p') {
			err = mkdirParents(d, o.has('v'), stdout)
		} else {
			err = os.Mkdir(d, 0o777) // the umask trims this, as for GNU mkdir
			if err == nil && o.has('v') {
				fmt.Fprintf(stdout, "mkdir: created directory %s\n", quote(d))
			}
		}
		if err != nil {
			var pe *fs.PathError
			name := d
			if errors.As(err, &pe) {
				name = pe.Path
			}
			fmt.Fprintf(stderr, "mkdir: cannot create directory %s: %s\n", quoteArg(name), errText(err))
			status = 1
		}
	}
	return status
}

// mkdirParents is os.MkdirAll, but walks the components itself so that the
// error names the component that failed, as GNU does ("'f': Not a directory").
func mkdirParents(d string, verbose bool, stdout io.Writer) error {
	prefix := ""
	if strings.HasPrefix(d, "/") {
		prefix = "/"
	}
	parts := strings.Split(strings.Trim(d, "/"), "/")
	for i := range parts {
		p := prefix + filepath.Join(parts[:i+1]...)
		err := os.Mkdir(p, 0o777)
		switch {
		case err == nil:
			if verbose {
				fmt.Fprintf(stdout, "mkdir: created directory %s\n", quote(p))
			}
		case errors.Is(err, fs.ErrExist):
			if !isDir(p) {
				if i == len(parts)-1 {
					return &fs.PathError{Op: "mkdir", Path: p, Err: syscallErrExist}
				}
				return &fs.PathError{Op: "mkdir", Path: p, Err: syscallErrNotDir}
			}
		default:
			return err
		}
	}
	return nil
}

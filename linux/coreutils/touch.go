package coreutils

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
	"time"
)

var (
	syscallErrExist  = syscall.EEXIST
	syscallErrNotDir = syscall.ENOTDIR
)

// Touch sets a file's access and modification times to now, creating it
// (empty) if it does not exist; -c never creates.
func Touch(args []string, _ io.Reader, _, stderr io.Writer) int {
	o, ok := parseOpts("touch", args, "c", "", stderr)
	if !ok {
		return 1
	}
	if len(o.operands) == 0 {
		fmt.Fprintln(stderr, "touch: missing file operand")
		tryHelp("touch", stderr)
		return 1
	}
	status := 0
	now := time.Now()
	for _, name := range o.operands {
		err := os.Chtimes(name, now, now)
		if errors.Is(err, fs.ErrNotExist) && !o.has('c') {
			// O_CREATE without O_TRUNC: never clobber a file that appeared meanwhile.
			var f *os.File
			if f, err = os.OpenFile(name, os.O_WRONLY|os.O_CREATE, 0o666); err == nil {
				err = f.Close()
			}
		} else if errors.Is(err, fs.ErrNotExist) {
			err = nil
		}
		if err != nil {
			fmt.Fprintf(stderr, "touch: cannot touch %s: %s\n", quote(name), errText(err))
			status = 1
		}
	}
	return status
}

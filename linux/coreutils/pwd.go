package coreutils

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Pwd prints the working directory. Like GNU's /bin/pwd (not the shell
// builtin) it defaults to -P, the physical path with symlinks resolved;
// -L prints $PWD when that still names the current directory.
func Pwd(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	o, ok := parseOpts("pwd", args, "LP", "", stderr)
	if !ok {
		return 1
	}
	if len(o.operands) > 0 {
		fmt.Fprintln(stderr, "pwd: ignoring non-option arguments")
	}
	if o.has('L') && !o.has('P') {
		if p := os.Getenv("PWD"); logicalOK(p) {
			fmt.Fprintln(stdout, p)
			return 0
		}
	}
	wd, err := os.Getwd()
	if err == nil {
		wd, err = filepath.EvalSymlinks(wd)
	}
	if err != nil {
		fmt.Fprintf(stderr, "pwd: couldn't find directory entry in '..' with matching i-node: %s\n", errText(err))
		return 1
	}
	fmt.Fprintln(stdout, wd)
	return 0
}

// logicalOK mirrors POSIX: $PWD is used only if absolute, free of . and ..
// components, and really the same directory as ".".
func logicalOK(p string) bool {
	if !filepath.IsAbs(p) {
		return false
	}
	for c := range strings.SplitSeq(p, "/") {
		if c == "." || c == ".." {
			return false
		}
	}
	a, err1 := os.Stat(p)
	b, err2 := os.Stat(".")
	return err1 == nil && err2 == nil && os.SameFile(a, b)
}

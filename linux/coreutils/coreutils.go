// Package coreutils holds small, testable re-implementations of the GNU
// commands a cloud programmer types every day. Every tool is a function
//
//	func Tool(args []string, stdin io.Reader, stdout, stderr io.Writer) int
//
// that takes the command-line arguments (without the program name) and
// returns the exit status, so tests can run it in-process and compare it
// byte for byte with the real GNU tool. The thin programs in cmd/<tool> only
// wire it to os.Args, os.Stdin, os.Stdout and os.Stderr.
//
// Messages follow GNU's C-locale wording ("ls: cannot access 'x': No such
// file or directory") so scripts and people see the same thing either way.
package coreutils

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"syscall"
)

// Func is the shape shared by every tool.
type Func func(args []string, stdin io.Reader, stdout, stderr io.Writer) int

// Tools maps a command name to its implementation.
var Tools = map[string]Func{
	"ls": Ls, "pwd": Pwd, "mkdir": Mkdir, "touch": Touch, "mv": Mv, "rm": Rm,
	"chmod": Chmod, "cat": Cat, "grep": Grep, "wc": Wc, "head": Head, "tail": Tail,
}

// opts is the result of GNU-style option parsing: short options may be
// bundled (-la), options may come after operands (GNU permutes them), and
// "--" ends option processing.
type opts struct {
	flags    map[byte]bool
	values   map[byte]string   // the last value of each option
	all      map[byte][]string // every value, in order (grep -e a -e b)
	operands []string
}

func (o opts) has(c byte) bool { return o.flags[c] }

// parseOpts parses args for prog. boolFlags lists the letters that take no
// value, valueFlags the ones that take one (-n 5 or -n5). On a bad option
// it prints GNU's two-line diagnostic and returns ok=false.
func parseOpts(prog string, args []string, boolFlags, valueFlags string, stderr io.Writer) (o opts, ok bool) {
	o = opts{flags: map[byte]bool{}, values: map[byte]string{}, all: map[byte][]string{}}
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			o.operands = append(o.operands, args[i+1:]...)
			break
		}
		if strings.HasPrefix(a, "--") {
			fmt.Fprintf(stderr, "%s: unrecognized option '%s'\n", prog, a)
			tryHelp(prog, stderr)
			return o, false
		}
		if len(a) < 2 || a[0] != '-' {
			o.operands = append(o.operands, a)
			continue
		}
		for j := 1; j < len(a); j++ {
			c := a[j]
			switch {
			case strings.IndexByte(boolFlags, c) >= 0:
				o.flags[c] = true
			case strings.IndexByte(valueFlags, c) >= 0:
				o.flags[c] = true
				if j+1 < len(a) {
					o.values[c] = a[j+1:]
				} else if i+1 < len(args) {
					i++
					o.values[c] = args[i]
				} else {
					fmt.Fprintf(stderr, "%s: option requires an argument -- '%c'\n", prog, c)
					tryHelp(prog, stderr)
					return o, false
				}
				o.all[c] = append(o.all[c], o.values[c])
				j = len(a)
			default:
				fmt.Fprintf(stderr, "%s: invalid option -- '%c'\n", prog, c)
				tryHelp(prog, stderr)
				return o, false
			}
		}
	}
	return o, true
}

func tryHelp(prog string, stderr io.Writer) {
	fmt.Fprintf(stderr, "Try '%s --help' for more information.\n", prog)
}

// quote renders a file name the way GNU does in diagnostics under LC_ALL=C
// (gnulib's quoteaf, shell-escape-always style): 'name'; a name with a
// single quote goes in double quotes ("it's") unless it also holds one of
// " $ ` \ !, and then the quote is escaped shell-style ('it'\”s "q"').
func quote(name string) string {
	if strings.Contains(name, "'") && !strings.ContainsAny(name, "\"$`\\!") {
		return `"` + name + `"`
	}
	return "'" + strings.ReplaceAll(name, "'", `'\''`) + "'"
}

// quoteArg renders an argument the way GNU's quote() does under LC_ALL=C
// (locale style): 'u+q\” — used for modes, numbers and mkdir's names.
func quoteArg(s string) string {
	s = strings.ReplaceAll(s, `\`, `\\`)
	return "'" + strings.ReplaceAll(s, "'", `\'`) + "'"
}

// quotef is GNU's quotef: names are quoted only when they need it
// (cat, grep, wc and head use it: "cat: x: No such file or directory").
func quotef(name string) string {
	if name != "" && !strings.ContainsAny(name, " \t\n'\"\\$`*?[]{}()<>|&;#~!") {
		return name
	}
	return quote(name)
}

// errText turns an error into the strerror(3) text GNU prints: Go's errno
// strings are the C ones in lower case ("no such file or directory").
func errText(err error) string {
	var errno syscall.Errno
	if !errors.As(err, &errno) {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return err.Error()
	}
	s := errno.Error()
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// isDir reports whether name is a directory (following symlinks).
func isDir(name string) bool {
	fi, err := os.Stat(name)
	return err == nil && fi.IsDir()
}

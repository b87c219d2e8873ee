package coreutils

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

type counts struct{ lines, words, bytes int64 }

// Wc counts lines (-l), words (-w) and bytes (-c); all three by default,
// always printed in that order, right-aligned like GNU wc.
func Wc(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	o, ok := parseOpts("wc", args, "lwc", "", stderr)
	if !ok {
		return 1
	}
	show := [3]bool{o.has('l'), o.has('w'), o.has('c')}
	if !show[0] && !show[1] && !show[2] {
		show = [3]bool{true, true, true}
	}
	names := o.operands
	useStdin := len(names) == 0
	if useStdin {
		names = []string{"-"}
	}
	nShown := 0
	for _, s := range show {
		if s {
			nShown++
		}
	}
	width := wcWidth(names, nShown, stdin)

	status := 0
	var total counts
	for _, name := range names {
		c, opened, err := wcOne(name, stdin, show)
		if err != nil {
			fmt.Fprintf(stderr, "wc: %s: %s\n", quotef(name), errText(err))
			status = 1
			if !opened {
				continue // GNU prints a (zero) count line only if the file could be opened
			}
		}
		total.lines += c.lines
		total.words += c.words
		total.bytes += c.bytes
		label := name
		if useStdin {
			label = ""
		}
		fmt.Fprintln(stdout, formatCounts(c, show, width, label))
	}
	if len(names) > 1 {
		fmt.Fprintln(stdout, formatCounts(total, show, width, "total"))
	}
	return status
}

// wcWidth reproduces GNU's column width: one column for a single count of
// a single input, otherwise the digits of the summed regular-file sizes,
// and at least 7 when some input is not a regular file (e.g. a pipe).
func wcWidth(names []string, nShown int, stdin io.Reader) int {
	if len(names) == 1 && nShown == 1 {
		return 1
	}
	minimum, total := 1, int64(0)
	for _, n := range names {
		var fi os.FileInfo
		var err error
		if n == "-" {
			f, ok := stdin.(*os.File)
			if !ok {
				minimum = 7
				continue
			}
			fi, err = f.Stat()
		} else {
			fi, err = os.Stat(n)
		}
		switch {
		case err != nil:
		case fi.Mode().IsRegular():
			total += fi.Size()
		default:
			minimum = 7
		}
	}
	return max(minimum, len(strconv.FormatInt(total, 10)))
}

func formatCounts(c counts, show [3]bool, width int, label string) string {
	var parts []string
	for i, v := range [3]int64{c.lines, c.words, c.bytes} {
		if show[i] {
			parts = append(parts, fmt.Sprintf("%*d", width, v))
		}
	}
	if label != "" {
		parts = append(parts, label)
	}
	return strings.Join(parts, " ")
}

// isSpace is C isspace() in the C locale; a word is a maximal run of
// anything else.
var isSpace = [256]bool{' ': true, '\t': true, '\n': true, '\v': true, '\f': true, '\r': true}

func wcOne(name string, stdin io.Reader, show [3]bool) (c counts, opened bool, err error) {
	r := stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return c, false, err
		}
		defer f.Close()
		r = f
		// Only bytes wanted of a regular file: its size says it all (GNU does this too).
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && !show[0] && !show[1] {
			c.bytes = fi.Size()
			return c, true, nil
		}
	}
	buf := make([]byte, 256<<10)
	inWord := false
	for {
		n, err := r.Read(buf)
		p := buf[:n]
		c.bytes += int64(n)
		if show[0] {
			c.lines += int64(bytes.Count(p, []byte{'\n'})) // SIMD; the fast part
		}
		if show[1] {
			for _, b := range p {
				if isSpace[b] {
					inWord = false
				} else if !inWord {
					inWord = true
					c.words++
				}
			}
		}
		if err == io.EOF {
			return c, true, nil
		}
		if err != nil {
			return c, true, err
		}
	}
}

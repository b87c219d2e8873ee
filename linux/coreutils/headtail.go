package coreutils

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// Head prints the first -n N lines (default 10) of each file.
func Head(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return headTail("head", args, stdin, stdout, stderr)
}

// Tail prints the last -n N lines (default 10) of each file; -n +K starts
// at line K instead.
func Tail(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return headTail("tail", args, stdin, stdout, stderr)
}

func headTail(prog string, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	o, ok := parseOpts(prog, args, "qv", "n", stderr)
	if !ok {
		return 1
	}
	spec := "10"
	if v, set := o.values['n']; set {
		spec = v
	}
	n, fromStart, allBut, msg := parseLines(prog, spec)
	if msg != "" {
		fmt.Fprintf(stderr, "%s: invalid number of lines: %s\n", prog, msg)
		return 1
	}
	if prog == "tail" && !fromStart && n == 0 {
		return 0 // like GNU: nothing to print, so no headers, not even an open
	}
	names := o.operands
	if len(names) == 0 {
		names = []string{"-"}
	}
	headers := (len(names) > 1 || o.has('v')) && !o.has('q')
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	status := 0
	for i, name := range names {
		r := stdin
		label := "standard input"
		if name != "-" {
			f, err := os.Open(name)
			if err != nil {
				w.Flush()
				fmt.Fprintf(stderr, "%s: cannot open %s for reading: %s\n", prog, quote(name), errText(err))
				status = 1
				continue
			}
			r, label = f, name
			defer f.Close()
		}
		if headers {
			if i > 0 {
				w.WriteString("\n")
			}
			fmt.Fprintf(w, "==> %s <==\n", label)
		}
		var err error
		switch {
		case allBut:
			err = headAllBut(w, r, n)
		case prog == "head":
			err = headLines(w, r, n)
		case fromStart:
			err = skipLines(w, r, max(n-1, 0))
		default:
			err = tailLines(w, r, n)
		}
		if err != nil {
			w.Flush()
			fmt.Fprintf(stderr, "%s: error reading %s: %s\n", prog, quote(name), errText(err))
			status = 1
		}
	}
	return status
}

// parseLines reads -n's value as GNU does: head -n -K means all but the
// last K lines, tail -n +K starts at line K, tail -n -K is -n K. The rest is
// a decimal count (leading blanks and one '+' allowed, as strtoumax does);
// msg is the diagnostic for a bad value.
func parseLines(prog, spec string) (n int64, fromStart, allBut bool, msg string) {
	num := spec
	switch {
	case prog == "head" && strings.HasPrefix(spec, "-"):
		allBut, num = true, spec[1:]
	case prog == "tail" && strings.HasPrefix(spec, "+"):
		fromStart = true // GNU parses the '+' along with the number
	case prog == "tail" && strings.HasPrefix(spec, "-"):
		num = spec[1:]
	}
	digits := strings.TrimPrefix(strings.TrimLeft(num, " \t\n\v\f\r"), "+")
	if digits == "" || strings.Trim(digits, "0123456789") != "" {
		return 0, false, false, quoteArg(num)
	}
	v, err := strconv.ParseInt(digits, 10, 64)
	if err != nil { // only a value too large is left
		return 0, false, false, quoteArg(num) + ": Value too large for defined data type"
	}
	return v, fromStart, allBut, ""
}

func headLines(w io.Writer, r io.Reader, n int64) error {
	br := bufio.NewReaderSize(r, 64<<10)
	for ; n > 0; n-- {
		line, err := br.ReadSlice('\n')
		for err == bufio.ErrBufferFull { // very long line: pass it through in pieces
			w.Write(line)
			line, err = br.ReadSlice('\n')
		}
		w.Write(line)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// headAllBut needs to see the end before it knows where to stop, so it
// reads everything (GNU streams with a ring buffer; this keeps it short).
func headAllBut(w io.Writer, r io.Reader, n int64) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	cut := len(data)
	if n > 0 {
		cut = tailStart(data, n) // 0 when the input has n lines or fewer
	}
	_, err = w.Write(data[:cut])
	return err
}

func skipLines(w io.Writer, r io.Reader, skip int64) error {
	br := bufio.NewReaderSize(r, 64<<10)
	for ; skip > 0; skip-- {
		if _, err := br.ReadBytes('\n'); err != nil {
			if err == io.EOF {
				return nil
			}
			return err
		}
	}
	_, err := io.Copy(w, br)
	return err
}

// tailLines reads a seekable regular file backwards from the end, so the
// last lines of a huge log cost only a few reads; pipes are buffered.
func tailLines(w io.Writer, r io.Reader, n int64) error {
	if n == 0 {
		return nil
	}
	if f, ok := r.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
			return tailSeek(w, f, fi.Size(), n)
		}
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	_, err = w.Write(data[tailStart(data, n):])
	return err
}

// tailStart returns the offset of the n-th line from the end of data; a
// final line without a newline counts as a line.
func tailStart(data []byte, n int64) int {
	end := len(data)
	if end > 0 && data[end-1] == '\n' {
		end--
	}
	for ; n > 0; n-- {
		i := bytes.LastIndexByte(data[:end], '\n')
		if i < 0 {
			return 0
		}
		if n == 1 {
			return i + 1
		}
		end = i
	}
	return 0
}

// tailSeek scans backwards from the end with one reusable buffer, counting
// newlines, until it finds where the last n lines start, then copies from
// there. Linear in what it reads and writes, whatever the line lengths:
// a 1 GB file without a newline is read once and written once.
func tailSeek(w io.Writer, f *os.File, size, n int64) error {
	buf := make([]byte, 64<<10)
	end := size // bytes [0,end) are still to scan
	if end > 0 {
		if _, err := f.ReadAt(buf[:1], end-1); err != nil {
			return err
		}
		if buf[0] == '\n' {
			end-- // a final newline ends the last line; it does not start one
		}
	}
	start := int64(0)
scan:
	for end > 0 {
		step := min(int64(len(buf)), end)
		chunk := buf[:step]
		if _, err := f.ReadAt(chunk, end-step); err != nil {
			return err
		}
		for {
			i := bytes.LastIndexByte(chunk, '\n')
			if i < 0 {
				break
			}
			if n--; n == 0 {
				start = end - step + int64(i) + 1
				break scan
			}
			chunk = chunk[:i]
		}
		end -= step
	}
	_, err := io.Copy(w, io.NewSectionReader(f, start, size-start))
	return err
}

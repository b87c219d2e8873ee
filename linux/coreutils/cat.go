package coreutils

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
)

// Cat concatenates files (or "-" for stdin) to stdout; -n numbers every
// output line, continuing the count across files as GNU does.
func Cat(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	o, ok := parseOpts("cat", args, "n", "", stderr)
	if !ok {
		return 1
	}
	names := o.operands
	if len(names) == 0 {
		names = []string{"-"}
	}
	n := numberer{w: stdout}
	if o.has('n') {
		bw := bufio.NewWriterSize(stdout, 64<<10)
		defer bw.Flush()
		n = numberer{w: bw, on: true, atStart: true}
	}
	out := outputFile(stdout)
	status := 0
	for _, name := range names {
		if err := catOne(name, stdin, &n, out); err != nil {
			fmt.Fprintf(stderr, "cat: %s: %s\n", quotef(name), errText(err))
			status = 1
		}
	}
	return status
}

func catOne(name string, stdin io.Reader, n *numberer, out os.FileInfo) error {
	var r io.Reader = stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		r = f
	}
	if f, ok := r.(*os.File); ok && out != nil && isOutput(f, out) {
		return errInputIsOutput
	}
	if !n.on {
		if out, ok := n.w.(*os.File); ok && isRegular(out) {
			// File to file: io.Copy lets *os.File use copy_file_range, so
			// the kernel moves the bytes without them entering this process.
			_, err := io.Copy(n.w, r)
			return err
		}
		// To a pipe or terminal, a plain read/write loop with a large buffer
		// (GNU uses 128 KiB too); the struct wrappers hide ReadFrom/WriteTo,
		// whose generic fallback would use 32 KiB.
		_, err := io.CopyBuffer(struct{ io.Writer }{n.w}, struct{ io.Reader }{r}, make([]byte, 128<<10))
		return err
	}
	buf := make([]byte, 128<<10)
	for {
		k, err := r.Read(buf)
		if k > 0 {
			if werr := n.write(buf[:k]); werr != nil {
				return werr
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// numberer writes text prefixing each line with "%6d\t" (GNU's format).
type numberer struct {
	w           io.Writer
	on, atStart bool
	line        int
}

func (n *numberer) write(p []byte) error {
	for len(p) > 0 {
		if n.atStart {
			n.line++
			num := strconv.Itoa(n.line)
			pad := max(0, 6-len(num))
			if _, err := io.WriteString(n.w, "      "[:pad]+num+"\t"); err != nil {
				return err
			}
			n.atStart = false
		}
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			_, err := n.w.Write(p)
			return err
		}
		if _, err := n.w.Write(p[:i+1]); err != nil {
			return err
		}
		n.atStart = true
		p = p[i+1:]
	}
	return nil
}

func isRegular(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode().IsRegular()
}

var errInputIsOutput = errors.New("input file is output file")

// outputFile is stdout's FileInfo when it is a regular file, else nil.
func outputFile(stdout io.Writer) os.FileInfo {
	if f, ok := stdout.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
			return fi
		}
	}
	return nil
}

// isOutput is GNU's check before `cat f >> f` grows f until the disk is
// full: the input is the output file and unread input remains (so `cat f > f`,
// where the shell has already emptied f, is fine).
func isOutput(in *os.File, out os.FileInfo) bool {
	fi, err := in.Stat()
	if err != nil || !os.SameFile(fi, out) {
		return false
	}
	pos, err := in.Seek(0, io.SeekCurrent)
	return err == nil && pos < fi.Size()
}

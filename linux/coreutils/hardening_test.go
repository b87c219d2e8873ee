package coreutils

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Issue 13.16: names containing ' are quoted as GNU quotes them in the C
// locale: "it's" in double quotes (shell-escape style, GNU quoteaf), or
// 'it'\”s "q"' when a double quote or $ ` \ ! is in the name too; and
// 'it\'s' (locale style, GNU quote) in mkdir, invalid-mode and
// invalid-number messages.
func TestQuotingMatchesGNU(t *testing.T) {
	withQuotes := func(t *testing.T, root string) {
		sampleTree(t, root)
		write(t, filepath.Join(root, "it's"), "quoted\n", 0o644, old)
		if err := os.Mkdir(filepath.Join(root, "q'd"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []gnuCase{
		{tool: "cat", args: []string{"no'pe", `a'b "c"`, "it's", "x'$y", "q'd"}},
		{tool: "wc", args: []string{"no'pe", "q'd"}},
		{tool: "head", args: []string{"no'pe"}},
		{tool: "tail", args: []string{"no'pe"}},
		{tool: "head", args: []string{"-n", "1'", "a.txt"}},
		{tool: "tail", args: []string{"-n", "x'", "a.txt"}},
		{tool: "ls", args: []string{"no'pe", "it's"}},
		{tool: "rm", args: []string{"no'pe"}},
		{tool: "rm", args: []string{"-r", "q'd/."}},
		{tool: "rm", args: []string{"q'd"}},
		{tool: "mkdir", args: []string{"q'd", "a.txt/x'y"}},
		{tool: "mkdir", args: []string{"-v", "n'ew"}},
		{tool: "chmod", args: []string{"u+q'", "a.txt"}},
		{tool: "chmod", args: []string{"u'"}},
		{tool: "chmod", args: []string{"644", "no'pe"}},
		{tool: "touch", args: []string{"no/it's"}},
		{tool: "mv", args: []string{"no'pe", "x"}},
		{tool: "mv", args: []string{"q'd", "q'd/in"}},
		{tool: "mv", args: []string{"it's"}},
		{tool: "grep", args: []string{"x", "no'pe"}},
	} {
		t.Run(c.name(), func(t *testing.T) { compareWithGNU(t, withQuotes, c) })
	}
}

// Issue 13.16: GNU tail -n 0 outputs nothing at all: no headers, and it
// does not even open the files.
func TestTailZeroLinesMatchesGNU(t *testing.T) {
	for _, c := range []gnuCase{
		{tool: "tail", args: []string{"-n", "0", "a.txt", "b.log"}},
		{tool: "tail", args: []string{"-n", "0", "-v", "a.txt"}},
		{tool: "tail", args: []string{"-n", "0", "missing", "sub", "a.txt"}},
		{tool: "tail", args: []string{"-n", "+0", "a.txt", "sub/c.txt"}},
		{tool: "head", args: []string{"-n", "0", "a.txt", "b.log"}},
	} {
		t.Run(c.name(), func(t *testing.T) { compareWithGNU(t, sampleTree, c) })
	}
}

// Issue 13.16: every -e pattern counts, with -i too.
func TestGrepSeveralPatternsMatchGNU(t *testing.T) {
	for _, c := range []gnuCase{
		{tool: "grep", args: []string{"-i", "-e", "alpha", "-e", "ERROR", "a.txt", "b.log"}},
		{tool: "grep", args: []string{"-e", "alpha", "-e", "Beta", "a.txt"}},
		{tool: "grep", args: []string{"-ic", "-e", "BETA", "-e", "delta", "a.txt"}},
		{tool: "grep", args: []string{"-F", "-i", "-e", "WARN", "-e", "info", "b.log"}},
		{tool: "grep", args: []string{"-E", "-i", "-n", "-e", "^w", "-e", "ok$", "b.log"}},
		{tool: "grep", args: []string{"-v", "-e", "a", "-e", "e", "a.txt", "b.log"}},
	} {
		t.Run(c.name(), func(t *testing.T) { compareWithGNU(t, sampleTree, c) })
	}
}

// Issue 13.16: `cat f >> f` would grow f until the disk is full; GNU
// refuses ("input file is output file") when the output is a regular
// file, the input is the same file, and unread input remains.
func TestCatInputIsOutputMatchesGNU(t *testing.T) {
	needGNU(t, "cat")
	for _, tc := range []struct {
		name   string
		args   []string
		stdin  string // a file name to use as stdin, or ""
		append bool
	}{
		{name: "cat f >> f", args: []string{"f"}, append: true},
		{name: "cat f g >> f", args: []string{"f", "g"}, append: true},
		{name: "cat g f g >> f", args: []string{"g", "f", "g"}, append: true},
		{name: "cat empty >> empty", args: []string{"empty"}, append: true},
		{name: "cat - >> f < f", args: []string{"-"}, stdin: "f", append: true},
		{name: "cat -n f >> f", args: []string{"-n", "f"}, append: true},
		{name: "cat f > f", args: []string{"f"}},
		{name: "cat f > g", args: []string{"f"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// The output file is f, except for "> g".
			outName := "f"
			if strings.HasSuffix(tc.name, "> g") {
				outName = "g"
			}
			run := func(dir string, gnu bool) (string, int, string) {
				write(t, filepath.Join(dir, "f"), "x\n", 0o644, old)
				write(t, filepath.Join(dir, "g"), "y\n", 0o644, old)
				write(t, filepath.Join(dir, "empty"), "", 0o644, old)
				flags := os.O_WRONLY | os.O_CREATE | os.O_TRUNC
				if tc.append {
					flags = os.O_WRONLY | os.O_APPEND
				}
				out, err := os.OpenFile(filepath.Join(dir, outName), flags, 0o644)
				if err != nil {
					t.Fatal(err)
				}
				defer out.Close()
				var in io.Reader = strings.NewReader("")
				if tc.stdin != "" {
					f, err := os.Open(filepath.Join(dir, tc.stdin))
					if err != nil {
						t.Fatal(err)
					}
					defer f.Close()
					in = f
				}
				var errb bytes.Buffer
				code := 0
				if gnu {
					cmd := exec.Command("cat", tc.args...)
					cmd.Dir, cmd.Env = dir, append(cleanEnv(), "LC_ALL=C")
					cmd.Stdin, cmd.Stdout, cmd.Stderr = in, out, &errb
					if err := cmd.Run(); err != nil {
						ee, ok := err.(*exec.ExitError)
						if !ok {
							t.Fatal(err)
						}
						code = ee.ExitCode()
					}
				} else {
					t.Chdir(dir)
					code = Cat(tc.args, in, out, &errb)
				}
				data, _ := os.ReadFile(filepath.Join(dir, outName))
				return errb.String(), code, string(data)
			}
			base := t.TempDir()
			os.Mkdir(filepath.Join(base, "g"), 0o755)
			os.Mkdir(filepath.Join(base, "o"), 0o755)
			ge, gc, gd := run(filepath.Join(base, "g"), true)
			oe, oc, od := run(filepath.Join(base, "o"), false)
			if ge != oe || gc != oc || gd != od {
				t.Errorf("GNU: exit %d, stderr %q, %s now %q\nours: exit %d, stderr %q, %s now %q", gc, ge, outName, gd, oc, oe, outName, od)
			}
		})
	}
}

// Issue 13.16: tail of a file without newlines read the file backwards
// while copying everything read so far on every step: quadratic, so a
// 1 GB single-line file never finished. A 128 MiB one (sparse: it costs
// no disk) must take well under the bound, and be output whole.
func TestTailWithoutNewlinesIsLinear(t *testing.T) {
	p := filepath.Join(t.TempDir(), "oneline")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	const size = 128 << 20
	if err := f.Truncate(size); err != nil { // a hole: reads as NUL bytes, no newline anywhere
		t.Fatal(err)
	}
	f.Close()
	done := make(chan struct{})
	var n countingWriter
	var code int
	var errb bytes.Buffer
	go func() {
		defer close(done)
		code = Tail([]string{"-n", "3", p}, nil, &n, &errb)
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("tail -n 3 of a 128 MiB line did not finish in 20s (quadratic?)")
	}
	if code != 0 || n != size {
		t.Errorf("tail: exit %d, %d bytes written (want %d), stderr %q", code, n, size, errb.String())
	}
}

type countingWriter int64

func (c *countingWriter) Write(p []byte) (int, error) {
	*c += countingWriter(len(p))
	return len(p), nil
}

// Issue 13.16: chmod needs the umask for modes like "+x", and reading it
// with umask(2) means setting it (to 0) and back: in between, a file any
// other goroutine creates gets the wrong mode. Ours reads it from
// /proc/self/status instead; the process umask must never change.
func TestChmodLeavesUmaskAlone(t *testing.T) {
	prev := syscall.Umask(0o022)
	defer syscall.Umask(prev)
	target := filepath.Join(t.TempDir(), "target")
	write(t, target, "", 0o644, old)
	stop := make(chan struct{})
	seen := make(chan string, 1)
	go func() { // watches the umask the kernel reports, as fast as it can
		defer close(seen)
		for {
			select {
			case <-stop:
				return
			default:
			}
			b, err := os.ReadFile("/proc/self/status")
			if err == nil && !bytes.Contains(b, []byte("Umask:\t0022")) {
				seen <- string(b)
				return
			}
		}
	}()
	for i := 0; i < 3000; i++ {
		if code := Chmod([]string{"+x", target}, nil, io.Discard, io.Discard); code != 0 {
			t.Fatalf("chmod +x: exit %d", code)
		}
	}
	close(stop)
	if s, changed := <-seen; changed {
		i := strings.Index(s, "Umask:")
		t.Fatalf("the process umask changed while chmod ran: %q", s[i:i+12])
	}
}

// Issue 13.15: every numeric option rejects bad values with GNU's message
// and status (head and tail -n are the only numeric options these tools
// have; GNU's status for them is 1, not 2).
func TestBadNumbersMatchGNU(t *testing.T) {
	var cases []gnuCase
	for _, tool := range []string{"head", "tail"} {
		for _, v := range []string{"99999999999999999999", "", "+-3", "0x10", "1.5", "-", "+", "--1", "x'"} {
			cases = append(cases, gnuCase{tool: tool, args: []string{"-n", v, "a.txt"}})
		}
		cases = append(cases, gnuCase{tool: tool, args: []string{"a.txt", "-n"}})
	}
	for _, c := range cases {
		t.Run(c.name(), func(t *testing.T) {
			_, o := compareWithGNU(t, sampleTree, c)
			if o.code == 0 {
				t.Errorf("%s accepted a bad number: %v", c.name(), o)
			}
		})
	}
}

func TestProcessUmaskReadsTheUmask(t *testing.T) {
	prev := syscall.Umask(0o027)
	defer syscall.Umask(prev)
	if got := processUmask(); got != 0o027 {
		t.Errorf("processUmask() = %03o, want 027", got)
	}
}

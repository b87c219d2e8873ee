package coreutils

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"unicode/utf8"
)

// FuzzParseMode uses GNU chmod itself as the oracle: for any mode string
// and starting permissions, GNU must reject exactly the strings we reject
// and otherwise produce the same bits. Plain "go test" runs the seeds.
func FuzzParseMode(f *testing.F) {
	for _, s := range []string{
		"u+rwx", "g=rx", "o=", "a+x", "755", "0644", "4755", "07777", "10000", "8", "",
		"u", "+", "=", "-", "u=rw,go=r", "g+u", "o=g", "a-x,u+X", "+X", "-w", "+t", "u+s,g+s",
		"ug=rwx,o-rwx", "u+rwx,", ",", "a+x,,", "u+r+w-x", "=rwx", "go=u-w", "rwx", "0", "00000",
	} {
		f.Add(s, uint16(0o644), false)
		f.Add(s, uint16(0o2750), true)
	}
	chmod, _ := exec.LookPath("chmod")
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, mode string, start uint16, isDir bool) {
		if chmod == "" {
			needGNU(t, "chmod")
		}
		if strings.ContainsRune(mode, 0) {
			return // cannot be passed as an argv string
		}
		m, perr := ParseMode(mode)
		if perr == nil {
			// Whatever the input, the result stays within the 12 mode bits.
			if got := m.Apply(uint32(start), isDir, 0o022); got&^0o7777 != 0 {
				t.Fatalf("Apply(%q) = %o has bits outside 07777", mode, got)
			}
		}
		p := filepath.Join(dir, "target")
		os.RemoveAll(p)
		var err error
		if isDir {
			err = os.Mkdir(p, 0o700)
		} else {
			err = os.WriteFile(p, nil, 0o600)
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := syscall.Chmod(p, uint32(start)&0o7777); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(chmod, "--", mode, p)
		cmd.Env = append(cleanEnv(), "LC_ALL=C")
		out, gerr := cmd.CombinedOutput()
		gnuInvalid := bytes.Contains(out, []byte("invalid mode"))
		if (perr != nil) != gnuInvalid {
			t.Fatalf("mode %q: ParseMode err=%v, GNU says %q", mode, perr, out)
		}
		if perr != nil {
			return
		}
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		umask := syscall.Umask(0)
		syscall.Umask(umask)
		want := unixMode(fi.Mode())
		if got := m.Apply(uint32(start)&0o7777, isDir, uint32(umask)); got != want {
			t.Fatalf("mode %q on %04o (dir=%v): ours %04o, GNU %04o (%s, %v)", mode, start&0o7777, isDir, got, want, out, gerr)
		}
	})
}

// FuzzGrepMatcher checks the matcher against independent oracles:
// the whole-buffer fast path selects exactly the lines the per-line path
// does, -F is plain substring search, and a BRE without special characters
// means the same as -F.
func FuzzGrepMatcher(f *testing.F) {
	for _, seed := range [][2]string{
		{"alpha", "alpha\nbeta\ngamma alpha\n"},
		{"a\\(l\\|e\\)", "ale\nal\nxx\n"},
		{"^[A-Z]\\+ ", "ERROR x\nok\nWARN y\n"},
		{"x*", "\n\n"},
		{"*a", "*a\na\n"},
		{"[]a]", "]\na\nb\n"},
		{"[[:digit:]]\\{2\\}", "a12\nb1\n"},
		{"\\<word\\>", "a word here\nwordy\n"},
		{"a.c", "abc\na.c\nac\n"},
		{"", "anything\n"},
		{"Σ", "σ\nΣ\n"},
		{"(a|b)+", "(a|b)+\nab\n"},
	} {
		f.Add(seed[0], seed[1], false)
		f.Add(seed[0], seed[1], true)
	}
	f.Fuzz(func(t *testing.T, pattern, text string, ignoreCase bool) {
		// Bound the work: RE2 is linear in the text, but the constant is the
		// program size, and "x{1000}{1000}"-style patterns would only time out.
		if len(pattern) > 64 || len(text) > 4096 || strings.Count(pattern, "{") > 2 {
			return
		}
		if !strings.HasSuffix(text, "\n") {
			text += "\n"
		}
		lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")

		if m, err := NewMatcher(pattern, ignoreCase, false, false); err == nil {
			var perLine []string
			for _, l := range lines {
				if m.Match([]byte(l)) {
					perLine = append(perLine, l)
				}
			}
			var chunked []string
			buf := []byte(text)
			for {
				s, e := m.nextMatch(buf)
				if s < 0 {
					break
				}
				chunked = append(chunked, string(buf[s:e-1]))
				buf = buf[e:]
			}
			if strings.Join(perLine, "\n") != strings.Join(chunked, "\n") || len(perLine) != len(chunked) {
				t.Fatalf("pattern %q: per-line %q, whole-buffer %q", pattern, perLine, chunked)
			}
		}

		if strings.Contains(pattern, "\n") {
			return // grep splits patterns at newlines; not modelled here
		}
		mf, err := NewMatcher(pattern, false, true, false)
		if err != nil {
			t.Fatalf("-F must accept any pattern, %q: %v", pattern, err)
		}
		for _, l := range lines {
			if got, want := mf.Match([]byte(l)), strings.Contains(l, pattern); got != want {
				t.Fatalf("-F %q on %q: got %v want %v", pattern, l, got, want)
			}
		}
		// Go's regexp cannot compile non-UTF-8 patterns (we say so and exit 2).
		if !strings.ContainsAny(pattern, `\.[]*^$`) && utf8.ValidString(pattern) {
			mb, err := NewMatcher(pattern, false, false, false)
			if err != nil {
				t.Fatalf("plain BRE %q rejected: %v", pattern, err)
			}
			for _, l := range lines {
				if mb.Match([]byte(l)) != mf.Match([]byte(l)) {
					t.Fatalf("BRE %q and -F disagree on %q", pattern, l)
				}
			}
		}
	})
}

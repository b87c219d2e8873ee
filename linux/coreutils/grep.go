package coreutils

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"unicode/utf8"
)

// Matcher decides whether a line matches a grep pattern.
type Matcher struct {
	re      *regexp.Regexp
	lit     []byte // non-nil when the pattern is a plain, case-sensitive string
	foldLit []byte // -F -i with a pattern that is not UTF-8: ASCII case folding
	// lowerLit is set for -i with a plain ASCII word whose case folding is
	// pure ASCII (no k or s, which also fold to U+212A and U+017F): then
	// lower-casing the buffer and searching it is exactly (?i).
	lowerLit []byte
	prefix   []byte // a literal every match starts with: a cheap prefilter
	scratch  []byte // lower-cased copy of the current block (lowerLit)
	foldEnd  *byte  // identifies that block by the address of its last byte
}

// NewMatcher compiles pattern. Without fixed or extended it is a POSIX
// basic regular expression (GNU grep's default) translated to Go's RE2
// syntax; extended means ERE (-E), which RE2 mostly is already; fixed (-F)
// matches the text literally, byte for byte. Go's regexp guarantees linear
// time, so no pattern can make grep hang, but it has no back-references
// (\1), and it works on UTF-8 (-i folds Unicode case, like GNU grep in a
// UTF-8 locale, not like LC_ALL=C where only ASCII folds).
func NewMatcher(pattern string, ignoreCase, fixed, extended bool) (*Matcher, error) {
	if strings.Contains(pattern, "\n") {
		return newMultiMatcher(strings.Split(pattern, "\n"), ignoreCase, fixed, extended)
	}
	if fixed && !ignoreCase {
		return &Matcher{lit: []byte(pattern)}, nil
	}
	if fixed && !utf8.ValidString(pattern) {
		return &Matcher{foldLit: asciiLower([]byte(pattern))}, nil
	}
	if !utf8.ValidString(pattern) {
		return nil, errors.New("pattern is not valid UTF-8 (Go's regexp works on UTF-8 text; use -F)")
	}
	var expr string
	switch {
	case fixed:
		expr = regexp.QuoteMeta(pattern)
	case extended:
		expr = pattern
	default:
		var err error
		if expr, err = breToRE2(pattern); err != nil {
			return nil, err
		}
	}
	if ignoreCase {
		expr = "(?i)" + expr
	}
	re, err := regexp.Compile(expr)
	if err != nil {
		return nil, err
	}
	m := &Matcher{re: re}
	if prefix, complete := re.LiteralPrefix(); !complete && prefix != "" && !strings.Contains(prefix, "\n") {
		m.prefix = []byte(prefix)
	}
	if lit, ok := asciiFoldable(pattern, fixed, extended); ok && ignoreCase {
		m.lowerLit = asciiLower([]byte(lit))
	}
	// A complete literal can be searched across the whole buffer, unless it
	// spans lines (-E 'a\nb'), which a line-based grep never matches.
	if prefix, complete := re.LiteralPrefix(); complete && !ignoreCase && prefix != "" && !strings.Contains(prefix, "\n") {
		m.lit = []byte(prefix)
	}
	return m, nil
}

// newMultiMatcher handles a pattern with newlines, which grep treats as
// several patterns: a line matches if any of them does.
func newMultiMatcher(parts []string, ignoreCase, fixed, extended bool) (*Matcher, error) {
	alts := make([]string, len(parts))
	for i, p := range parts {
		if !utf8.ValidString(p) {
			return nil, errors.New("pattern is not valid UTF-8 (Go's regexp works on UTF-8 text)")
		}
		switch {
		case fixed:
			alts[i] = regexp.QuoteMeta(p)
		case extended:
			alts[i] = p
		default:
			var err error
			if alts[i], err = breToRE2(p); err != nil {
				return nil, err
			}
		}
		alts[i] = "(?:" + alts[i] + ")"
	}
	expr := strings.Join(alts, "|")
	if ignoreCase {
		expr = "(?i)" + expr
	}
	re, err := regexp.Compile(expr)
	if err != nil {
		return nil, err
	}
	return &Matcher{re: re}, nil
}

// Match reports whether line (without its newline) matches.
func (m *Matcher) Match(line []byte) bool {
	switch {
	case m.lit != nil:
		return bytes.Contains(line, m.lit)
	case m.foldLit != nil:
		return bytes.Contains(asciiLower(line), m.foldLit)
	}
	return m.re.Match(line)
}

func asciiLower(b []byte) []byte { return asciiLowerInto(make([]byte, 0, len(b)), b) }

func asciiLowerInto(dst, b []byte) []byte {
	n := len(dst)
	dst = slices.Grow(dst, len(b))[:n+len(b)]
	out := dst[n:]
	for i, c := range b {
		out[i] = lowerTable[c]
	}
	return dst
}

var lowerTable = func() (t [256]byte) {
	for i := range t {
		t[i] = byte(i)
		if 'A' <= i && i <= 'Z' {
			t[i] += 'a' - 'A'
		}
	}
	return t
}()

// asciiFoldable reports whether pattern is a plain literal (in the given
// syntax) made of ASCII letters, digits and a few punctuation marks, none
// of them k or s.
func asciiFoldable(pattern string, fixed, extended bool) (string, bool) {
	if pattern == "" {
		return "", false
	}
	for _, c := range []byte(pattern) {
		switch {
		case c == 'k' || c == 'K' || c == 's' || c == 'S':
			return "", false
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case c == ' ' || c == '_' || c == '-' || c == '=' || c == ':' || c == '/' || c == ',':
		case fixed && c >= 0x20 && c < 0x7f:
		default:
			return "", false
		}
	}
	_ = extended // '-', '=', ':' ... are literal in BRE and ERE alike
	return pattern, true
}

// nextMatch finds the first line in buf (complete lines, each ending in
// '\n') that matches, returning its bounds including the newline, or -1.
// For a literal pattern it searches the whole buffer at once with
// bytes.Index (SIMD), which is where most of grep's speed comes from.
func (m *Matcher) nextMatch(buf []byte) (start, end int) {
	if m.lowerLit != nil {
		return m.nextFolded(buf)
	}
	if m.lit != nil {
		i := bytes.Index(buf, m.lit)
		if i < 0 {
			return -1, -1
		}
		start = bytes.LastIndexByte(buf[:i], '\n') + 1
		end = i + bytes.IndexByte(buf[i:], '\n') + 1
		return start, end
	}
	if m.prefix != nil {
		// Jump from one occurrence of the required prefix to the next and
		// run the regexp only on those lines.
		for start < len(buf) {
			i := bytes.Index(buf[start:], m.prefix)
			if i < 0 {
				return -1, -1
			}
			ls := start + bytes.LastIndexByte(buf[start:start+i], '\n') + 1
			le := start + i + bytes.IndexByte(buf[start+i:], '\n') + 1
			if m.re.Match(buf[ls : le-1]) {
				return ls, le
			}
			start = le
		}
		return -1, -1
	}
	for start < len(buf) {
		end = start + bytes.IndexByte(buf[start:], '\n') + 1
		if m.Match(buf[start : end-1]) {
			return start, end
		}
		start = end
	}
	return -1, -1
}

// patternError is a bad pattern, worded as GNU grep words it.
type patternError string

func (e patternError) Error() string { return string(e) }

// nextFolded is nextMatch for lowerLit. The first call for a block
// lower-cases all of it; later calls get suffixes of the same block (scan
// walks forward through it) and reuse that copy. beginBlock invalidates.
func (m *Matcher) nextFolded(buf []byte) (start, end int) {
	if len(buf) == 0 {
		return -1, -1
	}
	if m.foldEnd != &buf[len(buf)-1] || len(buf) > len(m.scratch) {
		m.scratch = asciiLowerInto(m.scratch[:0], buf)
		m.foldEnd = &buf[len(buf)-1]
	}
	hay := m.scratch[len(m.scratch)-len(buf):]
	i := bytes.Index(hay, m.lowerLit)
	if i < 0 {
		return -1, -1
	}
	start = bytes.LastIndexByte(buf[:i], '\n') + 1
	end = i + bytes.IndexByte(buf[i:], '\n') + 1
	return start, end
}

// beginBlock must be called when the bytes behind a buffer may have
// changed (scan calls it for every new block it reads).
func (m *Matcher) beginBlock() { m.foldEnd = nil }

// breToRE2 translates a POSIX basic regular expression: in BRE the
// characters ( ) { } | + ? are literal and their backslashed forms are the
// operators; a leading * is literal too.
func breToRE2(p string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c == '\\' && i+1 < len(p):
			i++
			switch n := p[i]; n {
			case '(', ')', '{', '}', '|', '+', '?':
				b.WriteByte(n)
			case '<', '>':
				b.WriteString(`\b`)
			case '1', '2', '3', '4', '5', '6', '7', '8', '9':
				return "", errors.New("back-references are not supported by Go's regexp")
			default:
				b.WriteByte('\\')
				b.WriteByte(n)
			}
		case c == '\\':
			return "", patternError("Trailing backslash")
		case c == '[':
			// Copy a bracket expression verbatim; a ']' right after '[' or
			// '[^' is a member, not the end.
			j := i + 1
			if j < len(p) && p[j] == '^' {
				j++
			}
			if j < len(p) && p[j] == ']' {
				j++
			}
			for j < len(p) && p[j] != ']' {
				if p[j] == '[' && j+1 < len(p) && (p[j+1] == ':' || p[j+1] == '.' || p[j+1] == '=') {
					if k := strings.Index(p[j+2:], string(p[j+1])+"]"); k >= 0 {
						j += k + 4
						continue
					}
				}
				j++
			}
			if j >= len(p) {
				return "", patternError("Unmatched [, [^, [:, [., or [=")
			}
			b.WriteString(p[i : j+1])
			i = j
		case strings.IndexByte("(){}|+?", c) >= 0:
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '*' && (i == 0 || p[i-1] == '^' && i == 1):
			b.WriteString(`\*`)
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), nil
}

type grepper struct {
	m                                  *Matcher
	invert, number, count, list, quiet bool
	noMessages, recursive              bool
	names                              int // 1 = show file names, 0 = no, -1 = only once we descend into a directory
	out                                *bufio.Writer
	stderr                             io.Writer
	matched, failed                    bool
}

// Grep prints lines matching a pattern: grep [-ivnrRcHhlqsEF] [-e PAT] PAT [FILE...]
// Exit status 0 when a line was selected, 1 when none, 2 on any error.
func Grep(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	o, ok := parseOpts("grep", args, "ivnrRcHhlqsEFy", "e", stderr)
	if !ok {
		return 2
	}
	ops := o.operands
	pattern, have := strings.Join(o.all['e'], "\n"), len(o.all['e']) > 0 // several -e: any may match
	if !have {
		if len(ops) == 0 {
			fmt.Fprintln(stderr, "Usage: grep [OPTION]... PATTERNS [FILE]...")
			tryHelp("grep", stderr)
			return 2
		}
		pattern, ops = ops[0], ops[1:]
	}
	m, err := NewMatcher(pattern, o.has('i') || o.has('y'), o.has('F'), o.has('E'))
	if err != nil {
		fmt.Fprintf(stderr, "grep: %v\n", err)
		return 2
	}
	out := bufio.NewWriterSize(stdout, 64<<10)
	defer out.Flush()
	g := &grepper{m: m, invert: o.has('v'), number: o.has('n'), count: o.has('c'), list: o.has('l'),
		quiet: o.has('q'), noMessages: o.has('s'), recursive: o.has('r') || o.has('R'), out: out, stderr: stderr}
	switch {
	case o.has('h'):
		g.names = 0
	case o.has('H') || len(ops) > 1:
		g.names = 1
	case g.recursive:
		g.names = -1
	}
	if len(ops) == 0 {
		if g.recursive {
			g.dir(".", "")
		} else {
			g.file("(standard input)", stdin)
		}
	}
	for _, name := range ops {
		if name == "-" {
			g.file("(standard input)", stdin)
			continue
		}
		g.path(name, true)
		if g.quiet && g.matched {
			break
		}
	}
	switch {
	case g.quiet && g.matched:
		return 0
	case g.failed:
		return 2
	case g.matched:
		return 0
	}
	return 1
}

func (g *grepper) warn(name string, err error) {
	g.failed = true
	if !g.noMessages {
		g.out.Flush()
		fmt.Fprintf(g.stderr, "grep: %s: %s\n", name, errText(err))
	}
}

// path searches one operand or tree entry. Command-line symlinks are
// followed; during -r recursion symlinks are skipped (that is -R's job).
func (g *grepper) path(name string, operand bool) {
	fi, err := os.Lstat(name)
	if err == nil && fi.Mode().Type() == os.ModeSymlink && (operand || !g.recursive) {
		fi, err = os.Stat(name)
	}
	if err != nil {
		g.warn(name, err)
		return
	}
	switch {
	case fi.IsDir() && g.recursive:
		g.dir(name, name)
	case fi.IsDir():
		g.warn(name, syscall.EISDIR)
	case fi.Mode().IsRegular() || operand:
		f, err := os.Open(name)
		if err != nil {
			g.warn(name, err)
			return
		}
		g.file(name, f)
		f.Close()
	}
}

// dir walks a directory; display is how its entries are named ("" for
// the implicit "." of a bare grep -r, whose results have no "./" prefix).
func (g *grepper) dir(name, display string) {
	if g.names < 0 {
		g.names = 1
	}
	f, err := os.Open(name)
	if err != nil {
		g.warn(name, err)
		return
	}
	ents, err := f.Readdirnames(-1)
	f.Close()
	if err != nil {
		g.warn(name, err)
	}
	slices.Sort(ents)
	for _, e := range ents {
		child := e
		if display != "" {
			child = joinPath(display, e)
		}
		g.path(child, false)
		if g.quiet && g.matched {
			return
		}
	}
}

// file scans r in large blocks of whole lines.
func (g *grepper) file(name string, r io.Reader) {
	const block = 256 << 10
	buf := make([]byte, block)
	var carry int // bytes of an unfinished line kept at the front of buf
	lineNo, selected := 0, 0
	binary := false
	prefix := ""
	if g.names == 1 {
		prefix = name + ":"
	}
	emit := func(line []byte) bool { // returns false to stop reading this file
		selected++
		g.matched = true
		switch {
		case g.quiet:
			return false
		case g.list:
			g.out.WriteString(name + "\n")
			return false
		case g.count:
			return true
		case binary:
			g.out.Flush()
			fmt.Fprintf(g.stderr, "grep: %s: binary file matches\n", name)
			return false
		}
		g.out.WriteString(prefix)
		if g.number {
			g.out.WriteString(strconv.Itoa(lineNo))
			g.out.WriteByte(':')
		}
		g.out.Write(line)
		g.out.WriteByte('\n')
		return true
	}
	eof := false
	for !eof {
		n, err := io.ReadFull(r, buf[carry:])
		if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
			eof = true
		} else if err != nil {
			g.warn(name, err)
			return
		}
		data := buf[:carry+n]
		if !binary && bytes.IndexByte(data[carry:], 0) >= 0 {
			binary = true
		}
		cut := bytes.LastIndexByte(data, '\n') + 1
		if eof && cut < len(data) { // last line without newline still counts
			data = append(data, '\n')
			cut = len(data)
		}
		if !g.scan(data[:cut], &lineNo, emit) {
			break
		}
		if cut == 0 && len(data) == len(buf) { // a line longer than buf: grow
			buf = append(buf, make([]byte, len(buf))...)
		}
		carry = copy(buf, data[cut:])
	}
	if g.count && !g.quiet {
		g.out.WriteString(prefix + strconv.Itoa(selected) + "\n")
	}
}

// scan runs emit for every selected line in lines (whole lines only).
func (g *grepper) scan(lines []byte, lineNo *int, emit func([]byte) bool) bool {
	g.m.beginBlock()
	if g.invert {
		for len(lines) > 0 {
			end := bytes.IndexByte(lines, '\n')
			*lineNo++
			if !g.m.Match(lines[:end]) && !emit(lines[:end]) {
				return false
			}
			lines = lines[end+1:]
		}
		return true
	}
	for len(lines) > 0 {
		start, end := g.m.nextMatch(lines)
		if start < 0 {
			if g.number {
				*lineNo += bytes.Count(lines, []byte{'\n'})
			}
			return true
		}
		if g.number {
			*lineNo += bytes.Count(lines[:start], []byte{'\n'}) + 1
		}
		if !emit(lines[start : end-1]) {
			return false
		}
		lines = lines[end:]
	}
	return true
}

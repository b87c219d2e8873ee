// Package words is the word count of the Python original done carefully: one
// tokenizer with stated rules, a streaming sequential counter, and a parallel
// MapReduce counter that gives exactly the same answer.
//
// The tokenizer rules:
//
//   - A word is a maximal run of word characters: Unicode letters (categories
//     L*, so é, ß, ж and 中 count) and combining marks (M*, so "café" written
//     as "cafe" + U+0301 stays one word).
//   - Everything else separates words: spaces, digits, punctuation (so
//     "don't" is "don" and "t", and "e-mail" is "e" and "mail"), symbols.
//   - Each rune is lower-cased with unicode.ToLower (simple case mapping, not
//     full case folding: "Straße" becomes "straße", not "strasse").
//   - Invalid UTF-8 bytes decode to U+FFFD, which is not a letter, so they
//     separate words and never appear in a word: every word is valid UTF-8.
//   - Scripts written without spaces (Chinese, Japanese, Thai) are not
//     segmented: "大数据处理" is one word. Real segmentation needs a
//     dictionary, which is out of scope here.
//
// These are close to the shell's `tr -cs '[:alpha:]' '\n'`, which also drops
// digits and splits on apostrophes; on ASCII text the two agree exactly.
package words

import (
	"iter"
	"unicode"
	"unicode/utf8"
)

// lowerASCII maps an ASCII byte to its lower-case letter, or 0 when the byte
// is not a letter. A table lookup per byte is the fast path: most text is
// mostly ASCII, and ASCII bytes never occur inside multi-byte UTF-8.
var lowerASCII = func() (t [utf8.RuneSelf]byte) {
	for b := byte('a'); b <= 'z'; b++ {
		t[b] = b
		t[b-'a'+'A'] = b
	}
	return t
}()

// IsWordRune reports whether r belongs inside a word.
func IsWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return lowerASCII[r] != 0
	}
	return unicode.IsLetter(r) || unicode.Is(unicode.M, r)
}

// Words yields the lower-cased words of s, in order. It is the whole-string
// form of the tokenizer, handy inside a FlatMap or a ParDo; Tokenizer is the
// streaming form. A fuzz test checks they always agree.
func Words(s string) iter.Seq[string] {
	return func(yield func(string) bool) {
		var word []byte
		for _, r := range s { // range decodes invalid bytes as U+FFFD, width 1
			if IsWordRune(r) {
				word = utf8.AppendRune(word, unicode.ToLower(r))
				continue
			}
			if len(word) > 0 {
				if !yield(string(word)) {
					return
				}
				word = word[:0]
			}
		}
		if len(word) > 0 {
			yield(string(word))
		}
	}
}

// Tokenizer splits a stream of bytes into words. It is an io.Writer, so
// io.Copy(tok, file) streams a file of any size through a small buffer: a
// word or a UTF-8 character cut in two by a buffer boundary is carried over
// to the next Write. Lines play no part, so a 1 GB line is no problem (a
// bufio.Scanner would stop at 64 KiB with "token too long").
type Tokenizer struct {
	emit    func(word []byte) // called once per word; the slice is reused
	word    []byte            // the word being built, already lower-cased
	pending []byte            // an incomplete UTF-8 sequence from the end of the last Write
}

// NewTokenizer returns a Tokenizer that calls emit for every word. emit must
// not keep the slice: copy it (string(word)) if needed.
func NewTokenizer(emit func(word []byte)) *Tokenizer {
	return &Tokenizer{emit: emit, word: make([]byte, 0, 64), pending: make([]byte, 0, 2*utf8.UTFMax)}
}

// Write tokenizes p. It never fails.
func (t *Tokenizer) Write(p []byte) (int, error) {
	n := len(p)
	if len(t.pending) > 0 {
		// Complete the character split by the previous buffer boundary: glue
		// the carried bytes to at most UTFMax new ones and decode the runes
		// that START inside the carried part.
		carried := len(t.pending)
		k := min(len(p), utf8.UTFMax)
		tmp := append(t.pending, p[:k]...)
		pos := 0
		for pos < carried {
			if !utf8.FullRune(tmp[pos:]) { // p was too short: still incomplete
				t.pending = append(t.pending[:0], tmp[pos:]...)
				return n, nil
			}
			r, size := utf8.DecodeRune(tmp[pos:])
			t.rune(r)
			pos += size
		}
		p = p[pos-carried:]
		t.pending = t.pending[:0]
	}
	for i := 0; i < len(p); {
		if b := p[i]; b < utf8.RuneSelf {
			if l := lowerASCII[b]; l != 0 {
				t.word = append(t.word, l)
			} else if len(t.word) > 0 {
				t.flush()
			}
			i++
			continue
		}
		if !utf8.FullRune(p[i:]) { // a character cut by the end of p
			t.pending = append(t.pending[:0], p[i:]...)
			break
		}
		r, size := utf8.DecodeRune(p[i:])
		t.rune(r)
		i += size
	}
	return n, nil
}

// Close ends the stream: bytes of a character that never completed are
// invalid UTF-8 (separators), and the last word is emitted even without a
// trailing newline. It never fails.
func (t *Tokenizer) Close() error {
	t.pending = t.pending[:0]
	if len(t.word) > 0 {
		t.flush()
	}
	return nil
}

func (t *Tokenizer) rune(r rune) {
	if IsWordRune(r) {
		t.word = utf8.AppendRune(t.word, unicode.ToLower(r))
	} else if len(t.word) > 0 {
		t.flush()
	}
}

func (t *Tokenizer) flush() {
	t.emit(t.word)
	t.word = t.word[:0]
}

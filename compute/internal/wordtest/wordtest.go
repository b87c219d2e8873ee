// Package wordtest holds the inputs on which every word-count
// implementation of this topic (sequential, parallel, rdd, beam) must agree.
package wordtest

import (
	"bytes"
	"strings"

	"example.com/cloudgo/compute/corpus"
)

// Tricky returns small inputs that break naive word counters, by name.
func Tricky() map[string][]byte {
	longLine := strings.Repeat("alpha Beta, gamma; ", 40_000) // ~760 KB, one line, no newline
	return map[string][]byte{
		"empty":               {},
		"only separators":     []byte(" \n\t,.;42\n\n"),
		"no trailing newline": []byte("one two\nthree two"),
		"crlf":                []byte("Windows\r\nline endings\r\nWINDOWS\r\n"),
		"invalid utf8":        []byte("ok\xffok caf\xc3 caf\xc3\xa9 \xe4\xb8 a\xe4\xb8\xadb \xed\xa0\x80x \xf0\x9f\x98\x80smile"),
		"very long line":      []byte(longLine),
		"one huge word":       bytes.Repeat([]byte("ab"), 300_000),
		"unicode":             []byte("Straße STRASSE straße Ünïcödé ÜNÏCÖDÉ Москва москва 大数据处理，云计算。 cafe\u0301 ǅemal İstanbul"),
		"apostrophes":         []byte("don't can't won't it's O'Neil rock'n'roll"),
	}
}

// Generated returns a deterministic mixed-script corpus of about size bytes.
func Generated(size int64, seed uint64) []byte {
	var b bytes.Buffer
	if err := corpus.Generate(&b, corpus.Options{Size: size, Seed: seed, Vocab: 5000}); err != nil {
		panic(err) // writing to a bytes.Buffer cannot fail
	}
	return b.Bytes()
}

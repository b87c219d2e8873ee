package corpus

import (
	"bytes"
	"testing"
	"unicode/utf8"
)

func TestGenerateIsDeterministic(t *testing.T) {
	gen := func(seed uint64, ascii bool) []byte {
		var b bytes.Buffer
		if err := Generate(&b, Options{Size: 100_000, Seed: seed, ASCII: ascii}); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	a, b, c := gen(1, false), gen(1, false), gen(2, false)
	if !bytes.Equal(a, b) || bytes.Equal(a, c) {
		t.Error("same seed must give the same text, another seed another text")
	}
	if len(a) < 100_000 || len(a) > 100_100 || !utf8.Valid(a) {
		t.Errorf("got %d bytes (valid UTF-8: %v), want about 100000", len(a), utf8.Valid(a))
	}
	for _, ch := range gen(3, true) {
		if ch >= utf8.RuneSelf {
			t.Fatalf("ASCII corpus has byte %#x", ch)
		}
	}
}

// Package corpus generates deterministic text for word-count tests and
// benchmarks: Zipf-distributed words (a few are very common, most are rare,
// as in real text), mixed case, punctuation, digits, and optionally
// non-ASCII words (accents, Cyrillic, Chinese, a combining mark).
package corpus

import (
	"bufio"
	"io"
	"math/rand/v2"
	"strings"
)

// Options controls Generate.
type Options struct {
	Size  int64  // approximate number of bytes to write
	Seed  uint64 // same seed, same text
	Vocab int    // number of distinct base words (default 20000)
	ASCII bool   // only ASCII letters, so `tr '[:alpha:]'` agrees exactly
}

var foreign = []string{"café", "Straße", "naïve", "ÉCOLE", "Москва", "данные", "大数据", "云计算", "cafe\u0301", "Ελλάδα"}

var punct = []string{" ", " ", " ", " ", ", ", ". ", "; ", " - ", "'s ", " (", ") ", "! ", "? ", " 42 ", "\t", "... "}

// Generate writes about o.Size bytes of text to w.
func Generate(w io.Writer, o Options) error {
	if o.Vocab <= 0 {
		o.Vocab = 20000
	}
	rng := rand.New(rand.NewPCG(o.Seed, 0x636f6d70757465))
	vocab := make([]string, o.Vocab)
	const syllables = "ba be bi bo bu da de di do du ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu ra re ri ro ru sa se si so su ta te ti to tu th sh ch str"
	syl := strings.Fields(syllables)
	for i := range vocab {
		var b strings.Builder
		for range 1 + rng.IntN(4) {
			b.WriteString(syl[rng.IntN(len(syl))])
		}
		vocab[i] = b.String()
	}
	zipf := rand.NewZipf(rng, 1.1, 1, uint64(o.Vocab-1))

	bw := bufio.NewWriterSize(w, 64<<10)
	var written int64
	lineWords := 0
	for written < o.Size {
		word := vocab[zipf.Uint64()]
		switch x := rng.IntN(100); {
		case !o.ASCII && x < 2:
			word = foreign[rng.IntN(len(foreign))]
		case x < 10:
			word = strings.ToUpper(word[:1]) + word[1:]
		case x < 11:
			word = strings.ToUpper(word)
		}
		sep := punct[rng.IntN(len(punct))]
		lineWords++
		if lineWords >= 8+rng.IntN(10) {
			sep, lineWords = ".\n", 0
		}
		n, err := bw.WriteString(word + sep)
		if err != nil {
			return err
		}
		written += int64(n)
	}
	return bw.Flush()
}

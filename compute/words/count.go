package words

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"maps"
	"slices"
)

// Counts maps a word to how often it occurs.
type Counts map[string]int

// counter is a map keyed by the word with a pointer to its count: looking up
// m[string(b)] does not allocate, so only the first sighting of a word copies
// it into a string. (m[string(b)]++ would allocate on every word.)
type counter map[string]*int

func (c counter) add(word []byte) {
	if n, ok := c[string(word)]; ok {
		*n++
		return
	}
	n := 1
	c[string(word)] = &n
}

func (c counter) counts() Counts {
	out := make(Counts, len(c))
	for w, n := range c {
		out[w] = *n
	}
	return out
}

// ReadBufferSize is how much of the input is read at a time. Memory use does
// not depend on the input size, only on this and the number of distinct words.
const ReadBufferSize = 256 << 10

// Count counts the words of r sequentially, streaming it through a
// fixed-size buffer.
func Count(r io.Reader) (Counts, error) {
	c := counter{}
	tok := NewTokenizer(c.add)
	if _, err := io.CopyBuffer(tok, r, make([]byte, ReadBufferSize)); err != nil {
		return nil, err
	}
	tok.Close()
	return c.counts(), nil
}

// WordCount is one line of the result.
type WordCount struct {
	Word  string
	Count int
}

// Sorted orders the counts by count, highest first, then by word (byte
// order, which for UTF-8 is code point order) so that the output is
// deterministic.
func Sorted(c Counts) []WordCount {
	out := make([]WordCount, 0, len(c))
	for _, w := range slices.Sorted(maps.Keys(c)) {
		out = append(out, WordCount{w, c[w]})
	}
	slices.SortStableFunc(out, func(a, b WordCount) int { return cmp.Compare(b.Count, a.Count) })
	return out
}

// Write prints "word<TAB>count" lines; top > 0 limits the output to the
// first top lines.
func Write(w io.Writer, sorted []WordCount, top int) error {
	if top > 0 && top < len(sorted) {
		sorted = sorted[:top]
	}
	bw := bufio.NewWriter(w)
	for _, wc := range sorted {
		fmt.Fprintf(bw, "%s\t%d\n", wc.Word, wc.Count)
	}
	return bw.Flush()
}

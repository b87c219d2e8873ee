package words

import (
	"errors"
	"io"
	"sync"
	"unicode/utf8"
)

// CountParallel counts the words of r with a MapReduce on one machine:
//
//	split:   one goroutine reads chunks of about chunkSize bytes and cuts each
//	         one just after a separator, so no word (and no UTF-8 character)
//	         straddles two chunks;
//	map:     `workers` goroutines tokenize chunks, each into its own map, so
//	         they share nothing and need no locks (the map-side "combiner":
//	         "the" seen a million times is one entry, not a million pairs);
//	reduce:  the per-worker maps are merged into one.
//
// Only workers+2 chunk buffers exist at any time (they are recycled through
// a channel), so memory stays bounded however large the input is. The result
// is exactly Count's.
func CountParallel(r io.Reader, workers, chunkSize int) (Counts, error) {
	workers = max(workers, 1)
	chunkSize = max(chunkSize, 2*utf8.UTFMax)

	free := make(chan []byte, workers+2)
	for range workers + 2 {
		free <- make([]byte, 0, chunkSize)
	}
	chunks := make(chan []byte, workers)

	// map + combine
	partial := make([]counter, workers)
	var wg sync.WaitGroup
	for i := range workers {
		partial[i] = counter{}
		wg.Go(func() {
			tok := NewTokenizer(partial[i].add)
			for chunk := range chunks {
				tok.Write(chunk)
				tok.Close() // chunks end on a separator, so this only emits nothing or a complete word
				free <- chunk[:0]
			}
		})
	}

	// split (in this goroutine): read, cut at the last separator, carry the rest
	err := split(r, chunkSize, free, chunks)
	close(chunks)
	wg.Wait()
	if err != nil {
		return nil, err
	}

	// reduce
	total := partial[0]
	for _, p := range partial[1:] {
		for w, n := range p {
			if t, ok := total[w]; ok {
				*t += *n
			} else {
				total[w] = n
			}
		}
	}
	return total.counts(), nil
}

func split(r io.Reader, chunkSize int, free chan []byte, chunks chan<- []byte) error {
	var carry []byte // the tail of the previous chunk after its cut point
	for {
		buf := append(<-free, carry...)
		carry = carry[:0]
		// Fill the buffer; if it holds no cut point at all (one giant word),
		// keep growing it, since a word must not be split.
		var err error
		for {
			var n int
			n, err = io.ReadFull(r, buf[len(buf):cap(buf)])
			buf = buf[:len(buf)+n]
			if err != nil {
				break
			}
			if cut := cutPoint(buf); cut > 0 {
				carry = append(carry, buf[cut:]...)
				buf = buf[:cut]
				break
			}
			buf = append(buf, 0)[:len(buf)] // grow the capacity
		}
		if len(buf) > 0 {
			chunks <- buf
		} else {
			free <- buf
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// cutPoint returns the length of the longest prefix of b that ends just
// after a complete, valid, non-word character, or 0 if there is none. A cut
// there splits neither a word nor a UTF-8 sequence, so tokenizing the two
// pieces separately gives the same words as tokenizing b.
func cutPoint(b []byte) int {
	for end := len(b); end > 0; {
		r, size := utf8.DecodeLastRune(b[:end])
		if !(r == utf8.RuneError && size == 1) && !IsWordRune(r) {
			return end
		}
		end -= size
	}
	return 0
}

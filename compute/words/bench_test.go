package words

import (
	"bytes"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"testing"

	"example.com/cloudgo/compute/internal/wordtest"
)

// The benchmarks use a 16 MB in-memory corpus; the README's table comes from
// bench.sh, which times the programs on a ~200 MB file.
var benchCorpus = sync.OnceValue(func() []byte { return wordtest.Generated(16<<20, 1) })

func BenchmarkCount(b *testing.B) {
	in := benchCorpus()
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		if _, err := Count(bytes.NewReader(in)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCountParallel(b *testing.B) {
	in := benchCorpus()
	for _, workers := range slices.Compact([]int{1, 2, runtime.NumCPU(), 2 * runtime.NumCPU()}) {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				if _, err := CountParallel(bytes.NewReader(in), workers, 4<<20); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkWords(b *testing.B) {
	in := string(benchCorpus())
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		n := 0
		for range Words(in) {
			n++
		}
	}
}

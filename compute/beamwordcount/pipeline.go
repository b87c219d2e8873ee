// Package beamwordcount is the word count of this topic as an Apache Beam
// pipeline. Written once, it runs on the in-process Prism runner (the default,
// used by the tests) or, with flags only, on Flink, Spark or Google Cloud
// Dataflow: see cmd/beamwordcount.
//
// The pipeline: textio.Read (lines) -> ParDo(extractWords) -> stats.Count
// (a GroupByKey + combine, Beam's ReduceByKey) -> one global Combine that
// sorts -> write one file.
//
// It is a module of its own (example.com/cloudgo/compute/beamwordcount), so
// that only its readers pay for Beam's large dependency tree.
package beamwordcount

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"io"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local" // local paths; beamx adds gs://
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/textio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/transforms/stats"

	"example.com/cloudgo/compute/words"
)

// Beam ships functions to workers by name, so every function and DoFn the
// pipeline uses is registered (this also avoids slow reflection).
func init() {
	register.Function2x0(extractWords)
	register.Emitter1[string]()
	register.Function2x1(toWordCount)
	register.Combiner3[[]wordCount, wordCount, string](&sortFn{})
	register.DoFn3x1[context.Context, []byte, func(*string) bool, error](&writeFn{})
	register.Iter1[string]()
}

// CountWords adds the word count to the pipeline: read input, count, write
// the sorted "word<TAB>count" lines to output.
func CountWords(s beam.Scope, input, output string, top int) {
	s = s.Scope("CountWords")
	lines := textio.Read(s, input)                    // PCollection<string>, one element per line
	tokens := beam.ParDo(s, extractWords, lines)      // PCollection<string>, one per word
	counted := stats.Count(s, tokens)                 // PCollection<KV<string,int>>
	pairs := beam.ParDo(s, toWordCount, counted)      // PCollection<wordCount>
	text := beam.Combine(s, &sortFn{Top: top}, pairs) // PCollection<string>: one element, none if no words
	// Write from a ParDo on Impulse (one empty element) that reads text as a
	// side input: so the file is written, empty, even when there is no word.
	beam.ParDo0(s, &writeFn{Path: output}, beam.Impulse(s), beam.SideInput{Input: text})
}

// extractWords uses the same tokenizer as the other versions; lines never
// split a word, since "\n" is a separator.
func extractWords(line string, emit func(string)) {
	for w := range words.Words(line) {
		emit(w)
	}
}

type wordCount struct {
	Word  string
	Count int
}

func toWordCount(w string, n int) wordCount { return wordCount{w, n} }

// sortFn gathers every (word, count) into one accumulator and sorts it. A
// global sort is inherently one worker's job: fine for a vocabulary, but on a
// real cluster you would keep the output unsorted and sharded, or keep only
// the top N (see beam's transforms/top).
type sortFn struct {
	Top int `json:"top"`
}

func (f *sortFn) CreateAccumulator() []wordCount { return nil }

func (f *sortFn) AddInput(acc []wordCount, wc wordCount) []wordCount { return append(acc, wc) }

func (f *sortFn) MergeAccumulators(a, b []wordCount) []wordCount { return append(a, b...) }

func (f *sortFn) ExtractOutput(acc []wordCount) string {
	slices.SortFunc(acc, func(a, b wordCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Word, b.Word))
	})
	sorted := make([]words.WordCount, len(acc))
	for i, wc := range acc {
		sorted[i] = words.WordCount{Word: wc.Word, Count: wc.Count}
	}
	var b bytes.Buffer
	_ = words.Write(&b, sorted, f.Top) // writing to a bytes.Buffer cannot fail
	return b.String()
}

// writeFn writes the sorted text (or nothing) to Path through Beam's
// filesystem layer, so Path may be local or gs://. (textio.Write would treat
// the text as one line and add a newline, and write no file for no input.)
type writeFn struct {
	Path string `json:"path"`
}

func (f *writeFn) ProcessElement(ctx context.Context, _ []byte, texts func(*string) bool) error {
	var text string
	texts(&text) // zero or one element
	fs, err := filesystem.New(ctx, f.Path)
	if err != nil {
		return err
	}
	defer fs.Close()
	w, err := fs.OpenWrite(ctx, f.Path)
	if err != nil {
		return fmt.Errorf("create %s: %w", f.Path, err)
	}
	if _, err := io.WriteString(w, text); err != nil {
		w.Close()
		return fmt.Errorf("write %s: %w", f.Path, err)
	}
	return w.Close()
}

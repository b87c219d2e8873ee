package beamwordcount

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"

	"example.com/cloudgo/compute/internal/wordtest"
	"example.com/cloudgo/compute/words"
)

func TestMain(m *testing.M) {
	beam.Init()
	os.Exit(m.Run())
}

// countWithBeam runs the pipeline on Prism, inside this test process.
func countWithBeam(t *testing.T, in []byte, top int) []byte {
	t.Helper()
	dir := t.TempDir()
	input, output := filepath.Join(dir, "in.txt"), filepath.Join(dir, "out.txt")
	if err := os.WriteFile(input, in, 0o644); err != nil {
		t.Fatal(err)
	}
	p, s := beam.NewPipelineWithRoot()
	CountWords(s, input, output, top)
	if _, err := prism.Execute(context.Background(), p); err != nil {
		t.Fatalf("pipeline: %v", err)
	}
	got, err := os.ReadFile(output)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func sequential(t *testing.T, in []byte, top int) []byte {
	t.Helper()
	counts, err := words.Count(bytes.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := words.Write(&b, words.Sorted(counts), top); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestAgreesWithSequential: the Beam pipeline prints exactly what the
// sequential streaming counter prints.
func TestAgreesWithSequential(t *testing.T) {
	inputs := wordtest.Tricky()
	inputs["generated"] = wordtest.Generated(256<<10, 13)
	for name, in := range inputs {
		t.Run(name, func(t *testing.T) {
			if got, want := countWithBeam(t, in, 0), sequential(t, in, 0); !bytes.Equal(got, want) {
				t.Errorf("beam output differs: %d bytes %.200q\nwant %d bytes %.200q", len(got), got, len(want), want)
			}
		})
	}
}

func TestTop(t *testing.T) {
	in := []byte("b a b c b a\nC C")
	if got, want := string(countWithBeam(t, in, 2)), "b\t3\nc\t3\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

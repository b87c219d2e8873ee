package words

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"example.com/cloudgo/compute/internal/wordtest"
)

func TestWordsRules(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Hello, World!", []string{"hello", "world"}},
		{"don't e-mail 42nd", []string{"don", "t", "e", "mail", "nd"}},
		{"Straße ÉCOLE Москва", []string{"straße", "école", "москва"}},
		{"大数据处理，云计算。", []string{"大数据处理", "云计算"}},
		{"cafe\u0301!", []string{"cafe\u0301"}},           // a combining mark stays in the word
		{"ok\xffok a\xe4\xb8", []string{"ok", "ok", "a"}}, // invalid bytes separate
		{"no newline at end", []string{"no", "newline", "at", "end"}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := slices.Collect(Words(tt.in)); !slices.Equal(got, tt.want) {
			t.Errorf("Words(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// countWords is the reference: the whole-string tokenizer and a plain map.
func countWords(b []byte) Counts {
	c := Counts{}
	for w := range Words(string(b)) {
		c[w]++
	}
	return c
}

// streamed feeds b to a Tokenizer in pieces of the given size.
func streamed(b []byte, piece int) Counts {
	c := counter{}
	tok := NewTokenizer(c.add)
	for chunk := range slices.Chunk(b, max(piece, 1)) {
		tok.Write(chunk)
	}
	tok.Close()
	return c.counts()
}

func TestImplementationsAgree(t *testing.T) {
	inputs := wordtest.Tricky()
	inputs["generated"] = wordtest.Generated(2<<20, 7)
	for name, in := range inputs {
		t.Run(name, func(t *testing.T) {
			want := countWords(in)
			seq, err := Count(bytes.NewReader(in))
			if err != nil {
				t.Fatal(err)
			}
			if !maps.Equal(seq, want) {
				t.Fatalf("sequential: %d distinct words, want %d", len(seq), len(want))
			}
			for _, piece := range []int{1, 2, 3, 7} { // split every UTF-8 character every possible way
				if len(in) > 100_000 {
					break
				}
				if got := streamed(in, piece); !maps.Equal(got, want) {
					t.Fatalf("streamed in %d-byte pieces: %v, want %v", piece, got, want)
				}
			}
			for _, cfg := range []struct{ workers, chunk int }{{1, 8}, {2, 13}, {4, 1 << 10}, {3, 64 << 10}} {
				if cfg.chunk < 100 && len(in) > 100_000 {
					continue // tiny chunks are for the small inputs; they would only slow -race down here
				}
				par, err := CountParallel(bytes.NewReader(in), cfg.workers, cfg.chunk)
				if err != nil {
					t.Fatal(err)
				}
				if !maps.Equal(par, want) {
					t.Fatalf("parallel %+v: %d distinct words, want %d", cfg, len(par), len(want))
				}
			}
			if !maps.Equal(streamed(in, 4096), want) {
				t.Fatal("streamed in 4 KiB pieces differs")
			}
		})
	}
}

func TestSortedAndWrite(t *testing.T) {
	var out strings.Builder
	err := Write(&out, Sorted(Counts{"b": 2, "a": 2, "z": 5, "c": 1}), 3)
	if err != nil {
		t.Fatal(err)
	}
	if want := "z\t5\na\t2\nb\t2\n"; out.String() != want {
		t.Errorf("got %q, want %q", out.String(), want)
	}
}

type failingReader struct{ n int }

func (r *failingReader) Read(p []byte) (int, error) {
	if r.n == 0 {
		return 0, fmt.Errorf("disk on fire")
	}
	r.n--
	return copy(p, "some words "), nil
}

func TestReadErrorsSurface(t *testing.T) {
	if _, err := Count(&failingReader{n: 3}); err == nil || !strings.Contains(err.Error(), "disk on fire") {
		t.Errorf("Count: err = %v, want the read error", err)
	}
	if _, err := CountParallel(&failingReader{n: 3}, 2, 16); err == nil || !strings.Contains(err.Error(), "disk on fire") {
		t.Errorf("CountParallel: err = %v, want the read error", err)
	}
}

// TestShellPipelineAgrees backs the claim in the package doc: on ASCII text
// our rules are those of tr -cs '[:alpha:]' '\n' | tr '[:upper:]' '[:lower:]'.
func TestShellPipelineAgrees(t *testing.T) {
	for _, tool := range []string{"bash", "tr", "sort", "uniq"} {
		if _, err := exec.LookPath(tool); err != nil {
			missing := fmt.Sprintf("%s not found (Debian packages bash, coreutils)", tool)
			if os.Getenv("CLOUDGO_REQUIRE_SERVICES") == "1" {
				t.Fatal(missing)
			}
			t.Skip(missing)
		}
	}
	in := "The cat's hat, THE CAT! 42 cats\tand e-mail\nlast line without newline"
	cmd := exec.Command("bash", "-c", `tr -cs '[:alpha:]' '\n' | tr '[:upper:]' '[:lower:]' | sort | uniq -c`)
	cmd.Env = append(cmd.Environ(), "LC_ALL=C")
	cmd.Stdin = strings.NewReader(in)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("shell pipeline: %v", err)
	}
	got := Counts{}
	for line := range strings.Lines(string(out)) {
		var n int
		var w string
		if _, err := fmt.Sscan(line, &n, &w); err == nil {
			got[w] = n
		}
	}
	if want := countWords([]byte(in)); !maps.Equal(got, want) {
		t.Errorf("pipeline %v\nwant     %v", got, want)
	}
}

func FuzzTokenizer(f *testing.F) {
	for _, in := range wordtest.Tricky() {
		if len(in) < 1000 {
			f.Add(in, uint8(3))
		}
	}
	f.Add([]byte("a\xe4\xb8\xadb\xe4"), uint8(1))
	f.Fuzz(func(t *testing.T, in []byte, piece uint8) {
		want := countWords(in)
		for w := range want {
			if w == "" || !utf8.ValidString(w) {
				t.Fatalf("bad word %q", w)
			}
			for _, r := range w {
				if !IsWordRune(r) || unicode.ToLower(r) != r {
					t.Fatalf("word %q has rune %q that is not a lower-case word character", w, r)
				}
			}
		}
		if got := streamed(in, int(piece)); !maps.Equal(got, want) {
			t.Fatalf("streamed in %d-byte pieces: %v, want %v", piece, got, want)
		}
		got, err := CountParallel(bytes.NewReader(in), 3, int(piece))
		if err != nil || !maps.Equal(got, want) {
			t.Fatalf("parallel, chunk %d: %v %v, want %v", piece, got, err, want)
		}
	})
}

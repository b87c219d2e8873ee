package sqlwordcount

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"unicode"

	"example.com/cloudgo/compute/internal/wordtest"
	"example.com/cloudgo/compute/rdd"
	"example.com/cloudgo/compute/sql/internal/duckconn"
	"example.com/cloudgo/compute/words"
)

func openDB(t *testing.T, threads int) *sql.DB {
	t.Helper()
	db, err := duckconn.Open(threads)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func format(t *testing.T, sorted []words.WordCount) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := words.Write(&b, sorted, 0); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestAgreesWithTheOtherCounts: the SQL count prints exactly the bytes of the
// sequential, parallel and RDD counts (and so of Beam's, whose own test holds
// it to the sequential one) on the topic's tricky inputs and a generated
// mixed-script corpus.
func TestAgreesWithTheOtherCounts(t *testing.T) {
	ctx := context.Background()
	db := openDB(t, 2)
	inputs := wordtest.Tricky()
	inputs["generated"] = wordtest.Generated(512<<10, 7)
	inputs["nul and controls"] = []byte("a\x00b\x00\x00C\x01d\x7fe")
	inputs["invalid at a cut"] = append(bytes.Repeat([]byte("x"), MaxChunk-1), " \xe4\xb8 \xe4\xb8\xad\xff tail"...)
	dir := t.TempDir()
	for name, in := range inputs {
		t.Run(name, func(t *testing.T) {
			counts, err := words.Count(bytes.NewReader(in))
			if err != nil {
				t.Fatal(err)
			}
			want := format(t, words.Sorted(counts))

			got, err := Count(ctx, db, bytes.NewReader(in), 0)
			if err != nil {
				t.Fatal(err)
			}
			if g := format(t, got); !bytes.Equal(g, want) {
				t.Errorf("sql differs from sequential: %d bytes %.300q\nwant %d bytes %.300q", len(g), g, len(want), want)
			}

			par, err := words.CountParallel(bytes.NewReader(in), 3, 4096)
			if err != nil {
				t.Fatal(err)
			}
			if p := format(t, words.Sorted(par)); !bytes.Equal(p, want) {
				t.Errorf("parallel differs from sequential")
			}
			path := filepath.Join(dir, "in.txt")
			if err := os.WriteFile(path, in, 0o644); err != nil {
				t.Fatal(err)
			}
			byRDD, err := rdd.CountByValue(ctx, rdd.FlatMap(rdd.TextFile(path, 3), words.Words))
			if err != nil {
				t.Fatal(err)
			}
			if r := format(t, words.Sorted(byRDD)); !bytes.Equal(r, want) {
				t.Errorf("rdd differs from sequential")
			}
		})
	}
}

func TestTop(t *testing.T) {
	got, err := Count(context.Background(), openDB(t, 1), bytes.NewReader([]byte("b a b c b a\nC C")), 2)
	if err != nil {
		t.Fatal(err)
	}
	if want := []words.WordCount{{Word: "b", Count: 3}, {Word: "c", Count: 3}}; !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// TestEveryCodePoint compares SQL's character rules with Go's for all of
// Unicode: RE2's [\p{L}\p{M}] (inside DuckDB) with words.IsWordRune, and
// DuckDB's lower with unicode.ToLower. Any difference would be a place where
// the two word counts can disagree. (SQL returns only its word characters:
// each must be one for Go too, and Go must have no more of them.)
func TestEveryCodePoint(t *testing.T) {
	rows, err := openDB(t, 0).Query(`SELECT i::INTEGER, lower(chr(i::INTEGER))
		FROM (SELECT * FROM range(1, 55296) UNION ALL SELECT * FROM range(57344, 1114112)) t(i) -- no surrogates
		WHERE regexp_full_match(chr(i::INTEGER), '[\p{L}\p{M}]')`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n, diffs := 0, 0
	for rows.Next() {
		var cp int32
		var lower string
		if err := rows.Scan(&cp, &lower); err != nil {
			t.Fatal(err)
		}
		n++
		if r := rune(cp); !words.IsWordRune(r) || lower != string(unicode.ToLower(r)) {
			if diffs++; diffs <= 20 {
				t.Errorf("U+%04X %q: SQL: a word character, lower %q; Go: word character %v, lower %q",
					r, r, lower, words.IsWordRune(r), unicode.ToLower(r))
			}
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	goWordRunes := 0
	for r := rune(1); r <= unicode.MaxRune; r++ {
		if words.IsWordRune(r) && (r < 0xD800 || r > 0xDFFF) {
			goWordRunes++
		}
	}
	if n != goWordRunes || diffs > 0 {
		t.Errorf("SQL has %d word characters, Go %d; %d differ (Go's Unicode is %s)", n, goWordRunes, diffs, unicode.Version)
	}
}

// TestChunks: the pieces put together are the input, and no piece splits a
// word or a UTF-8 character (tokenizing the pieces one by one gives the words
// of the whole input), even with tiny pieces.
func TestChunks(t *testing.T) {
	inputs := wordtest.Tricky()
	inputs["generated"] = wordtest.Generated(64<<10, 3)
	for name, in := range inputs {
		for _, max := range []int{16, 100, MaxChunk} {
			var joined bytes.Buffer
			var pieceWords []string
			err := Chunks(bytes.NewReader(in), max, func(p []byte) error {
				joined.Write(p)
				if name == "generated" && len(p) >= 2*max { // its words are short: pieces stay short
					t.Errorf("%s max %d: piece of %d bytes", name, max, len(p))
				}
				for w := range words.Words(string(p)) {
					pieceWords = append(pieceWords, w)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(joined.Bytes(), in) {
				t.Errorf("%s max %d: pieces do not add up to the input", name, max)
			}
			if want := slices.Collect(words.Words(string(in))); !slices.Equal(pieceWords, want) {
				t.Errorf("%s max %d: pieces split words: %d words, want %d", name, max, len(pieceWords), len(want))
			}
		}
	}
}

// Package sqlwordcount is the word count of this topic as one SQL query,
// run by DuckDB, an analytical SQL engine embedded in the process (through
// the database/sql driver github.com/duckdb/duckdb-go/v2; cgo).
//
// Go streams the text into a table of chunks (DuckDB's Appender, the bulk
// loader); SQL does the rest, tokenizing with a regular expression:
//
//	SELECT lower(w) AS word, count(*) AS n
//	FROM (SELECT unnest(regexp_extract_all(text, '[\p{L}\p{M}]+')) AS w FROM input)
//	GROUP BY word
//	ORDER BY n DESC, word
//
// The rules are those of package words: a word is a maximal run of Unicode
// letters (\p{L}) and combining marks (\p{M}), lower-cased one character at a
// time (DuckDB's lower is the simple case mapping, like unicode.ToLower), and
// ORDER BY word compares bytes (DuckDB's default collation is binary). One
// difference needs normalising: a DuckDB VARCHAR must be valid UTF-8, where
// words treats each invalid byte as a separator. Go replaces every invalid
// byte sequence by U+FFFD, which is not a letter: the same separator. The
// tests check, for every Unicode code point, that RE2's \p{L}|\p{M} and
// DuckDB's lower agree with words.IsWordRune and unicode.ToLower.
package sqlwordcount

import (
	"bufio"
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/duckdb/duckdb-go/v2"

	"example.com/cloudgo/compute/words"
)

// Query counts the words of the table input(text VARCHAR), highest count
// first, ties by word (byte order).
const Query = `SELECT lower(w) AS word, count(*) AS n
FROM (SELECT unnest(regexp_extract_all(text, '[\p{L}\p{M}]+')) AS w FROM input)
GROUP BY word
ORDER BY n DESC, word`

// MaxChunk is about the longest row Load writes (a piece is under 2*MaxChunk): a longer line is cut after
// its last ASCII non-letter (which never falls inside a word or a UTF-8
// character). Many short rows also let DuckDB scan the table in parallel.
const MaxChunk = 64 << 10

// Count loads r into a fresh table input and runs Query; top > 0 keeps the
// first top words (a LIMIT, so DuckDB sorts with a top-N heap).
func Count(ctx context.Context, db *sql.DB, r io.Reader, top int) ([]words.WordCount, error) {
	if _, err := db.ExecContext(ctx, `CREATE OR REPLACE TABLE input (text VARCHAR)`); err != nil {
		return nil, fmt.Errorf("create table input: %w", err)
	}
	defer db.ExecContext(context.WithoutCancel(ctx), `DROP TABLE IF EXISTS input`)
	if err := Load(ctx, db, "input", r); err != nil {
		return nil, err
	}
	return Run(ctx, db, top)
}

// Run runs Query on the table input.
func Run(ctx context.Context, db *sql.DB, top int) ([]words.WordCount, error) {
	q, args := Query, []any{}
	if top > 0 {
		q, args = q+"\nLIMIT ?", append(args, top)
	}
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("word count query: %w", err)
	}
	defer rows.Close()
	var out []words.WordCount
	for rows.Next() {
		var wc words.WordCount
		if err := rows.Scan(&wc.Word, &wc.Count); err != nil {
			return nil, fmt.Errorf("word count query: %w", err)
		}
		out = append(out, wc)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("word count query: %w", err)
	}
	return out, nil
}

// Load appends the text of r to table (one VARCHAR column) in chunks of
// about MaxChunk bytes, made valid UTF-8.
func Load(ctx context.Context, db *sql.DB, table string, r io.Reader) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("duckdb connection: %w", err)
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		app, err := duckdb.NewAppenderFromConn(dc.(driver.Conn), "", table)
		if err != nil {
			return fmt.Errorf("appender for %s: %w", table, err)
		}
		rows := 0
		err = Chunks(r, MaxChunk, func(chunk []byte) error {
			if rows++; rows%4096 == 0 && ctx.Err() != nil {
				return ctx.Err()
			}
			return app.AppendRow(validText(chunk))
		})
		if cerr := app.CloseWithCancel(ctx); err == nil && cerr != nil {
			err = fmt.Errorf("load %s: %w", table, cerr)
		}
		return err
	})
}

// validText is chunk as a string, every invalid UTF-8 sequence replaced by
// U+FFFD: a separator, as each invalid byte is for package words.
func validText(chunk []byte) string {
	if utf8.Valid(chunk) {
		return string(chunk)
	}
	return strings.ToValidUTF8(string(chunk), "\uFFFD")
}

// Chunks calls emit with consecutive pieces of r that never split a word or
// a UTF-8 character: whole lines, and lines longer than max cut just after
// their last ASCII byte that is not a letter (ASCII bytes never occur inside
// a multi-byte character). A run of more than max bytes with no such byte (a
// giant word, or text in a script without ASCII spaces) stays one piece.
// emit must not keep the slice.
func Chunks(r io.Reader, max int, emit func([]byte) error) error {
	br := bufio.NewReaderSize(r, max)
	var pending []byte
	uncut := 0 // pending[:uncut] has no cut point: search only after it (else a giant word is quadratic)
	for {
		line, err := br.ReadSlice('\n')
		pending = append(pending, line...)
		switch {
		case err == nil: // a whole line
			if e := emit(pending); e != nil {
				return e
			}
			pending, uncut = pending[:0], 0
		case errors.Is(err, bufio.ErrBufferFull): // a long line: cut it
			if i := lastCut(pending[uncut:]); i > 0 {
				if e := emit(pending[:uncut+i]); e != nil {
					return e
				}
				pending = append(pending[:0], pending[uncut+i:]...)
			}
			uncut = len(pending)
		case errors.Is(err, io.EOF):
			if len(pending) > 0 {
				return emit(pending)
			}
			return nil
		default:
			return fmt.Errorf("read input: %w", err)
		}
	}
}

// lastCut is the index just after the last ASCII non-letter of b, or 0.
func lastCut(b []byte) int {
	for i := len(b) - 1; i >= 0; i-- {
		if c := b[i]; c < utf8.RuneSelf && !words.IsWordRune(rune(c)) {
			return i + 1
		}
	}
	return 0
}

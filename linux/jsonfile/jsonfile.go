// Package jsonfile saves and loads a value as a JSON file the careful way:
// an atomic save (a crash or kill while saving leaves the previous file
// intact) and a strict load whose errors say file:line:column.
package jsonfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"example.com/cloudgo/linux/atomicfile"
)

// Save writes v as indented JSON, atomically: a crash or kill while saving
// leaves the previous file intact.
func Save(path string, v any) error {
	return save(path, v, nil)
}

// save lets tests slow the writer down (see the kill test).
func save(path string, v any, wrap func(io.Writer) io.Writer) error {
	// Marshal first: a value that cannot be encoded fails before any file
	// is touched.
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("encode %s: %w", path, err)
	}
	data = append(data, '\n')
	return atomicfile.Write(path, 0o644, func(w io.Writer) error {
		if wrap != nil {
			w = wrap(w)
		}
		_, err := w.Write(data)
		return err
	})
}

// Load reads path into v strictly: unknown fields and trailing garbage
// are errors, and every syntax or type error names file:line:column.
func Load(path string, v any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("load %s: %w", path, err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return describe(path, data, err, dec.InputOffset())
	}
	// Only the end of the input may follow. dec.More() is not enough: it
	// says "no more" before a stray '}' or ']', so {"age":1}} would load.
	end := dec.InputOffset()
	if _, err := dec.Token(); err != io.EOF {
		for end < int64(len(data)) && strings.IndexByte(" \t\r\n", data[end]) >= 0 {
			end++
		}
		return fmt.Errorf("%s:%s: unexpected data after the JSON value", path, lineCol(data, end+1))
	}
	return nil
}

// describe adds a position to decoding errors. SyntaxError and
// UnmarshalTypeError carry a byte offset; unknown-field errors carry none,
// so the decoder's offset is used.
func describe(path string, data []byte, err error, decOffset int64) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Errorf("%s:%s: syntax error: %w", path, lineCol(data, syn.Offset), err)
	case errors.As(err, &typ):
		return fmt.Errorf("%s:%s: field %q wants %s, got JSON %s: %w", path, lineCol(data, typ.Offset), typ.Field, typ.Type, typ.Value, err)
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return fmt.Errorf("%s:%s: unexpected end of file: %w", path, endPos(data), err)
	}
	// "json: unknown field \"agee\"": point at the key itself when we can find it.
	if _, field, ok := strings.Cut(err.Error(), "unknown field "); ok {
		if i := bytes.Index(data, []byte(field+":")); i >= 0 {
			decOffset = int64(i) + 1
		} else if i := bytes.Index(data, []byte(field)); i >= 0 {
			decOffset = int64(i) + 1
		}
	}
	return fmt.Errorf("%s:%s: %w", path, lineCol(data, decOffset), err)
}

// lineCol converts a byte offset into a 1-based "line:column". The
// offset of a SyntaxError points just past the offending byte.
func lineCol(data []byte, offset int64) string {
	offset = min(max(offset, 0), int64(len(data)))
	before := data[:offset]
	line := bytes.Count(before, []byte{'\n'}) + 1
	col := len(before) - bytes.LastIndexByte(before, '\n')
	if offset > 0 && data[offset-1] != '\n' {
		col-- // point at the offending byte itself
	}
	return fmt.Sprintf("%d:%d", line, max(col, 1))
}

// endPos is the position just after the last byte, where an unexpected
// end of file was noticed.
func endPos(data []byte) string {
	line := bytes.Count(data, []byte{'\n'}) + 1
	col := len(data) - bytes.LastIndexByte(data, '\n')
	return fmt.Sprintf("%d:%d", line, col)
}

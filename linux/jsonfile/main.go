// Command jsonfile writes and reads the seed's person.json the Go way:
// a struct with tags, an atomic save, strict loading, and errors that say
// where in the file the problem is.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"example.com/cloudgo/linux/atomicfile"
)

// Person is {"name":"Alice","age":25}. Tags name the JSON keys; omitempty
// keeps optional fields out of the file when unset.
type Person struct {
	Name  string   `json:"name"`
	Age   int      `json:"age"`
	Email string   `json:"email,omitempty"`
	Tags  []string `json:"tags,omitempty"`
}

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "jsonfile:", err)
		os.Exit(1)
	}
}

func run(_ context.Context, _ []string, out io.Writer) error {
	dir, err := os.MkdirTemp("", "jsonfile-demo-")
	if err != nil {
		return fmt.Errorf("make temp dir: %w", err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "person.json")

	if err := Save(path, Person{Name: "Alice", Age: 25}); err != nil {
		return err
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	fmt.Fprintf(out, "person.json:\n%s", raw)

	var p Person
	if err := Load(path, &p); err != nil {
		return err
	}
	fmt.Fprintln(out, p.Name, p.Age) // Alice 25, as the Python version prints

	// Malformed files get an error with line and column, not just an offset.
	for _, bad := range []string{
		"{\n  \"name\": \"Bob\",\n  \"age\": 30,\n}\n",
		"{\n  \"name\": \"Bob\",\n  \"age\": \"thirty\"\n}\n",
		"{\"name\": \"Bob\", \"agee\": 30}\n",
	} {
		badPath := filepath.Join(dir, "bad.json")
		if err := os.WriteFile(badPath, []byte(bad), 0o644); err != nil {
			return fmt.Errorf("write %s: %w", badPath, err)
		}
		var q Person
		err := Load(badPath, &q)
		fmt.Fprintf(out, "load bad.json: %s\n", bytes.ReplaceAll([]byte(fmt.Sprint(err)), []byte(dir+"/"), nil))
	}
	return nil
}

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
	if dec.More() {
		return fmt.Errorf("%s:%s: unexpected data after the JSON value", path, lineCol(data, dec.InputOffset()))
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

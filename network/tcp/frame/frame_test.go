package frame

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

func TestLineReaderSplitsAndReassembles(t *testing.T) {
	// OneByteReader delivers the stream one byte per Read, like a TCP peer
	// on a bad day: frames must come out whole anyway.
	r := NewLineReader(iotest.OneByteReader(strings.NewReader("hello\nnc -C sends this\r\n\nlast\n")), 64)
	for _, want := range []string{"hello", "nc -C sends this", "", "last"} {
		got, err := r.Read()
		if err != nil || string(got) != want {
			t.Fatalf("Read() = %q, %v; want %q", got, err, want)
		}
	}
	if _, err := r.Read(); err != io.EOF {
		t.Fatalf("after the last frame: err = %v, want io.EOF", err)
	}
}

func TestLineReaderLimits(t *testing.T) {
	r := NewLineReader(strings.NewReader("12345678\n123456789\n"), 8)
	if got, err := r.Read(); err != nil || string(got) != "12345678" {
		t.Fatalf("frame of exactly max bytes: %q, %v", got, err)
	}
	if _, err := r.Read(); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("frame of max+1 bytes: err = %v, want ErrTooLarge", err)
	}
	// A peer that never sends a newline must not make us buffer forever.
	endless := io.LimitReader(neverNewline{}, 10<<20)
	counted := &countingReader{r: endless}
	if _, err := NewLineReader(counted, 1024).Read(); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("endless frame: err = %v, want ErrTooLarge", err)
	}
	if counted.n > 64<<10 {
		t.Errorf("read %d bytes to reject a 1 KiB-limited frame; want it bounded", counted.n)
	}
	if _, err := NewLineReader(strings.NewReader("cut"), 8).Read(); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("stream ending mid-frame: err = %v, want io.ErrUnexpectedEOF", err)
	}
}

func TestAppendLineRejectsEmbeddedNewline(t *testing.T) {
	if _, err := AppendLine(nil, []byte("two\nframes")); err == nil {
		t.Error("AppendLine accepted a payload with a newline")
	}
}

func TestLengthFrames(t *testing.T) {
	var b []byte
	b = AppendLength(b, []byte("binary\nsafe"))
	b = AppendLength(b, nil)
	r := bytes.NewReader(b)
	for _, want := range []string{"binary\nsafe", ""} {
		got, err := ReadLength(r, 16)
		if err != nil || string(got) != want {
			t.Fatalf("ReadLength = %q, %v; want %q", got, err, want)
		}
	}
	// A 4 GiB header is refused from the header alone.
	if _, err := ReadLength(bytes.NewReader([]byte{0xff, 0xff, 0xff, 0xff}), 16); !errors.Is(err, ErrTooLarge) {
		t.Errorf("huge header: err = %v, want ErrTooLarge", err)
	}
	if _, err := ReadLength(bytes.NewReader([]byte{0, 0, 0, 5, 'a'}), 16); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("truncated body: err = %v, want io.ErrUnexpectedEOF", err)
	}
}

type neverNewline struct{}

func (neverNewline) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	return len(p), nil
}

type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

// FuzzLineReader: whatever bytes arrive, the decoder never panics, never
// returns a frame over the limit or one containing a newline, and frames
// it returns re-encode to a prefix of the input.
func FuzzLineReader(f *testing.F) {
	for _, s := range []string{"hello\n", "a\r\nb\n", "\n\n", "12345678\n", "123456789\n", "no newline", "\r\n\r", strings.Repeat("x", 100) + "\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		const max = 8
		r := NewLineReader(bytes.NewReader(in), max)
		consumed := 0
		for {
			line, err := r.Read()
			if err != nil {
				return
			}
			if len(line) > max || bytes.IndexByte(line, '\n') >= 0 {
				t.Fatalf("bad frame %q from %q", line, in)
			}
			if !bytes.HasPrefix(in[consumed:], line) {
				t.Fatalf("frame %q is not next in the input %q", line, in[consumed:])
			}
			consumed += len(line) + 1
			if in[consumed-1] == '\r' {
				consumed++
			}
		}
	})
}

// FuzzReadLength: arbitrary headers never allocate past the limit or panic,
// and any frame read round-trips through AppendLength.
func FuzzReadLength(f *testing.F) {
	f.Add(AppendLength(nil, []byte("hi")))
	f.Add([]byte{0xff, 0xff, 0xff, 0xff})
	f.Add([]byte{0, 0, 0})
	f.Add([]byte{0, 0, 0, 3, 'a'})
	f.Fuzz(func(t *testing.T, in []byte) {
		p, err := ReadLength(bytes.NewReader(in), 64)
		if err != nil {
			return
		}
		if len(p) > 64 || !bytes.HasPrefix(in, AppendLength(nil, p)) {
			t.Fatalf("ReadLength(%q) = %q", in, p)
		}
	})
}

// FrameBuffered is what the echo server asks before it holds replies back:
// only a whole next frame may delay a flush, never half of one.
func TestFrameBuffered(t *testing.T) {
	r := NewLineReader(strings.NewReader("one\ntwo\nthr"), 16)
	want := []bool{true, false} // after "one": "two\n" is whole; after "two": only "thr"
	for i, w := range want {
		if _, err := r.Read(); err != nil {
			t.Fatal(err)
		}
		if got := r.FrameBuffered(); got != w {
			t.Errorf("after frame %d: FrameBuffered() = %v, want %v", i+1, got, w)
		}
	}
}

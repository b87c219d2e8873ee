// Package frame turns a TCP byte stream into messages. TCP has no message
// boundaries: one Write may arrive as three Reads, or two Writes as one.
// (The Python original's single recv(4096) is exactly that bug.) So every protocol on
// TCP needs framing; here are the two classic kinds, both with a hard size
// limit so one peer cannot make the server allocate without bound.
package frame

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// ErrTooLarge reports a frame longer than the reader's limit.
var ErrTooLarge = errors.New("frame too large")

// LineReader reads newline-terminated frames ("hello\n"). Text framing is
// what nc, telnet and curl's telnet:// can speak, which makes it easy to
// debug; "\r\n" is accepted too so `nc -C` works.
type LineReader struct {
	br  *bufio.Reader
	max int
	buf []byte
}

// NewLineReader reads frames of at most max bytes (excluding the newline).
func NewLineReader(r io.Reader, max int) *LineReader {
	// A buffer that holds a whole frame lets Read hand out frames without
	// copying them; past 256 KiB, big frames are assembled by copying.
	return &LineReader{br: bufio.NewReaderSize(r, min(max+2, 256<<10)), max: max}
}

// Read returns the next frame without its line ending. The slice is only
// valid until the next call. A frame over the limit returns ErrTooLarge
// after reading at most max+2 bytes of it: memory stays bounded even if the
// peer never sends a newline. A stream that ends mid-frame returns
// io.ErrUnexpectedEOF; a clean end between frames returns io.EOF.
func (r *LineReader) Read() ([]byte, error) {
	r.buf = r.buf[:0]
	for {
		chunk, err := r.br.ReadSlice('\n')
		if err == nil && len(r.buf) == 0 {
			// Fast path: the whole frame is in bufio's buffer.
			line := bytes.TrimSuffix(chunk[:len(chunk)-1], []byte{'\r'})
			if len(line) > r.max {
				return nil, fmt.Errorf("read line frame: %w (%d > %d bytes)", ErrTooLarge, len(line), r.max)
			}
			return line, nil
		}
		r.buf = append(r.buf, chunk...)
		switch {
		case err == nil:
			line := bytes.TrimSuffix(r.buf[:len(r.buf)-1], []byte{'\r'})
			if len(line) > r.max {
				return nil, fmt.Errorf("read line frame: %w (%d > %d bytes)", ErrTooLarge, len(line), r.max)
			}
			return line, nil
		case errors.Is(err, bufio.ErrBufferFull):
			if len(r.buf) > r.max+1 {
				return nil, fmt.Errorf("read line frame: %w (more than %d bytes)", ErrTooLarge, r.max)
			}
		case errors.Is(err, io.EOF) && len(r.buf) > 0:
			return nil, fmt.Errorf("read line frame: %w", io.ErrUnexpectedEOF)
		default:
			return nil, err
		}
	}
}

// FrameBuffered reports whether a whole frame (its newline included) is
// already read from the connection: then the next Read returns without
// waiting for the peer. When it is false the peer may be waiting for our
// replies before it sends more, so replies must be flushed first.
func (r *LineReader) FrameBuffered() bool {
	buffered, _ := r.br.Peek(r.br.Buffered()) // never reads from the connection
	return bytes.IndexByte(buffered, '\n') >= 0
}

// AppendLine appends p as one line frame. It refuses payloads that contain
// a newline, which would silently become two frames on the other side.
func AppendLine(dst, p []byte) ([]byte, error) {
	if bytes.IndexByte(p, '\n') >= 0 {
		return dst, errors.New("line frame: payload contains a newline")
	}
	return append(append(dst, p...), '\n'), nil
}

// ReadLength reads one length-prefixed frame: a 4-byte big-endian length,
// then that many bytes. Binary framing carries any bytes (newlines too) and
// lets the reader reject a huge frame from its header alone, before reading
// or allocating the body.
func ReadLength(r io.Reader, max int) ([]byte, error) {
	var hdr [4]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return nil, fmt.Errorf("read frame header: %w", err)
	}
	n := binary.BigEndian.Uint32(hdr[:])
	if uint64(n) > uint64(max) {
		return nil, fmt.Errorf("read frame: %w (%d > %d bytes)", ErrTooLarge, n, max)
	}
	p := make([]byte, n)
	if _, err := io.ReadFull(r, p); err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return nil, fmt.Errorf("read frame body: %w", err)
	}
	return p, nil
}

// AppendLength appends p as one length-prefixed frame.
func AppendLength(dst, p []byte) []byte {
	return append(binary.BigEndian.AppendUint32(dst, uint32(len(p))), p...)
}

package rdd

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
)

// TextFile is an RDD of the lines of a file (without their "\n" or "\r\n"),
// split into numPartitions byte ranges the way Hadoop splits a file: each
// partition opens the file, seeks to its range, and reads only the lines
// that START inside it (finishing the last one past its end). So the
// partitions read the file in parallel and nobody loads it whole. Nothing
// is opened before an action: a missing file is an error of the action.
func TextFile(path string, numPartitions int) *RDD[string] {
	n := max(numPartitions, 1)
	return &RDD[string]{parts: n, compute: func(ctx context.Context, p int, emit func(string) error) error {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		fi, err := f.Stat()
		if err != nil {
			return err
		}
		size := fi.Size()
		start, end := size*int64(p)/int64(n), size*int64(p+1)/int64(n)
		return readLines(ctx, f, start, end, emit)
	}}
}

func readLines(ctx context.Context, f *os.File, start, end int64, emit func(string) error) error {
	pos := start
	if start > 0 {
		// The line that contains byte start-1 belongs to the previous
		// partition (if byte start-1 is "\n", that line ends right there).
		pos = start - 1
	}
	if _, err := f.Seek(pos, io.SeekStart); err != nil {
		return err
	}
	br := bufio.NewReaderSize(f, 64<<10)
	var line []byte
	readLine := func() error { // a whole line, however long
		line = line[:0]
		for {
			chunk, err := br.ReadSlice('\n')
			line = append(line, chunk...)
			pos += int64(len(chunk))
			if !errors.Is(err, bufio.ErrBufferFull) {
				return err
			}
		}
	}
	if start > 0 {
		if err := readLine(); err != nil {
			return ignoreEOF(err)
		}
	}
	for lines := 0; pos < end; lines++ {
		err := readLine()
		if len(line) > 0 {
			text := bytes.TrimSuffix(bytes.TrimSuffix(line, []byte("\n")), []byte("\r"))
			if err := emit(string(text)); err != nil {
				return err
			}
		}
		if err != nil {
			return ignoreEOF(err)
		}
		if lines%4096 == 0 { // check for cancellation now and then
			if err := ctx.Err(); err != nil {
				return err
			}
		}
	}
	return ctx.Err()
}

func ignoreEOF(err error) error {
	if errors.Is(err, io.EOF) {
		return nil
	}
	return fmt.Errorf("read lines: %w", err)
}

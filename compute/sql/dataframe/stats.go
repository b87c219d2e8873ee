package dataframe

import (
	"bytes"
	"os"
	"strconv"
	"time"
)

// measure runs f and reports its wall time and the bytes the process read
// meanwhile (every read or pread system call, from the page cache or the
// disk: what the engine had to go through).
func measure(name string, stats func(Stat), f func() error) error {
	if stats == nil {
		return f()
	}
	before, start := readBytes(), time.Now()
	err := f()
	s := Stat{Query: name, Took: time.Since(start), BytesRead: -1}
	if after := readBytes(); before >= 0 && after >= 0 {
		s.BytesRead = after - before
	}
	if err == nil {
		stats(s)
	}
	return err
}

// readBytes is rchar from /proc/self/io, or -1 where there is none.
func readBytes() int64 {
	b, err := os.ReadFile("/proc/self/io")
	if err != nil {
		return -1
	}
	for line := range bytes.Lines(b) {
		if v, ok := bytes.CutPrefix(line, []byte("rchar: ")); ok {
			n, err := strconv.ParseInt(string(bytes.TrimSpace(v)), 10, 64)
			if err == nil {
				return n
			}
		}
	}
	return -1
}

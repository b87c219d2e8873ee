package s3backup

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"slices"
	"strconv"
	"strings"
)

// The index is a text file, one line per backed-up object: ETag, size, key (escaped
// with strconv.Quote when it holds tabs, newlines or quotes). Runs append to it as
// objects complete, so an interrupted run still remembers what it finished; a
// complete run rewrites it. The last line for a key wins.

func escape(key string) string {
	if strings.ContainsAny(key, "\t\n\r\"") || strings.HasPrefix(key, " ") {
		return strconv.Quote(key)
	}
	return key
}

func loadIndex(root *os.Root) (map[string]entry, error) {
	index := map[string]entry{}
	f, err := root.Open(indexFile)
	if errors.Is(err, fs.ErrNotExist) {
		return index, nil
	}
	if err != nil {
		return nil, fmt.Errorf("open index: %w", err)
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	s.Buffer(nil, 1<<20)
	for s.Scan() {
		etag, rest, ok1 := strings.Cut(s.Text(), "\t")
		size, key, ok2 := strings.Cut(rest, "\t")
		n, err := strconv.ParseInt(size, 10, 64)
		if !ok1 || !ok2 || err != nil {
			continue // a line cut short by a crash: that object is fetched again
		}
		if strings.HasPrefix(key, `"`) {
			if key, err = strconv.Unquote(key); err != nil {
				continue
			}
		}
		index[key] = entry{etag, n}
	}
	if err := s.Err(); err != nil {
		return nil, fmt.Errorf("read index: %w", err)
	}
	return index, nil
}

// writeIndex replaces the index atomically (temporary file, sync, rename).
func writeIndex(root *os.Root, index map[string]entry) error {
	tmp := path.Join(tmpDir, randomName())
	f, err := root.Create(tmp)
	if err != nil {
		return fmt.Errorf("write index: %w", err)
	}
	defer root.Remove(tmp) // a no-op after the rename
	w := bufio.NewWriter(f)
	for _, k := range slices.Sorted(maps.Keys(index)) {
		fmt.Fprintf(w, "%s\t%d\t%s\n", index[k].etag, index[k].size, escape(k))
	}
	err = errors.Join(w.Flush(), f.Sync(), f.Close())
	if err == nil {
		err = root.Rename(tmp, indexFile)
	}
	if err != nil {
		return fmt.Errorf("write index: %w", err)
	}
	return nil
}

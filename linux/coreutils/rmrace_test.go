package coreutils

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// Issue 13.5: rm -r must never follow a symlink, even when a directory it
// is about to enter is swapped for a symlink to somewhere else between
// looking at it and opening it. A helper goroutine keeps swapping the
// directories of the tree for symlinks to an outside directory while rm -r
// runs; the outside directory must be untouched. Bounded: a few seconds of
// rounds.
func TestRmRecursiveNeverFollowsSwappedSymlink(t *testing.T) {
	base := t.TempDir()
	outside := filepath.Join(base, "outside")
	canary := filepath.Join(outside, "canary")
	write(t, canary, "keep me", 0o644, old)
	write(t, filepath.Join(outside, "inner", "file"), "keep me too", 0o644, old)

	deadline := time.Now().Add(3 * time.Second)
	rounds := 0
	for time.Now().Before(deadline) {
		rounds++
		top := filepath.Join(base, fmt.Sprintf("top%d", rounds))
		aside := filepath.Join(base, fmt.Sprintf("aside%d", rounds))
		const n = 100
		for i := range n {
			write(t, filepath.Join(top, fmt.Sprintf("d%03d", i), "f"), "x", 0o644, old)
		}
		if err := os.Mkdir(aside, 0o755); err != nil {
			t.Fatal(err)
		}
		stop := make(chan struct{})
		var wg sync.WaitGroup
		wg.Go(func() { // the attacker: dir -> symlink -> dir, over and over
			for i := 0; ; i = (i + 1) % n {
				select {
				case <-stop:
					return
				default:
				}
				d := filepath.Join(top, fmt.Sprintf("d%03d", i))
				moved := filepath.Join(aside, fmt.Sprintf("d%03d", i))
				if os.Rename(d, moved) != nil {
					continue
				}
				if os.Symlink(outside, d) == nil {
					os.Remove(d)
				}
				os.Rename(moved, d)
			}
		})
		Rm([]string{"-rf", top}, nil, io.Discard, io.Discard)
		close(stop)
		wg.Wait()
		if _, err := os.Stat(canary); err != nil {
			t.Fatalf("round %d: rm -r followed a swapped-in symlink and removed %s: %v", rounds, canary, err)
		}
		if _, err := os.Stat(filepath.Join(outside, "inner", "file")); err != nil {
			t.Fatalf("round %d: rm -r followed a swapped-in symlink into %s: %v", rounds, outside, err)
		}
		os.RemoveAll(top)
		os.RemoveAll(aside)
	}
	t.Logf("%d rounds, outside untouched", rounds)
}

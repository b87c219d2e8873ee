package s3backup

import (
	"cmp"
	"fmt"
	"os"
	"path"
	"slices"
	"strings"
	"unicode"
)

// plan maps every listed key to its local path, or refuses it. Besides LocalPath's
// rules it refuses what only the whole listing shows (the filesystem could never
// hold both, so the key would fail on every run):
//   - a key whose path is also a directory of other keys ("a" beside "a/b"): the
//     file is refused, the directory's objects are kept;
//   - with fold (a case-insensitive filesystem), keys whose paths differ only in
//     case: the first in byte order is kept, the others are refused.
//
// Decisions depend only on the set of keys, not the listing order, so every run
// refuses the same keys.
func plan(objects []object, fold bool) (paths map[string]string, refused []error) {
	type cand struct{ key, rel, canon string }
	var cands []cand
	for _, ob := range objects {
		rel, err := LocalPath(ob.key)
		if err != nil {
			refused = append(refused, err)
			continue
		}
		canon := ob.key
		if fold {
			canon = foldCase(canon)
		}
		cands = append(cands, cand{ob.key, rel, canon})
	}
	slices.SortFunc(cands, func(a, b cand) int { return cmp.Compare(a.key, b.key) })

	refuse := func(key, why string) { refused = append(refused, fmt.Errorf("%w %q: %s", ErrRefusedKey, key, why)) }
	first := map[string]string{} // canonical path → the key kept for it
	kept := cands[:0]
	for _, c := range cands {
		if other, ok := first[c.canon]; ok {
			refuse(c.key, fmt.Sprintf("differs from %q only in case, and this filesystem ignores case", other))
			continue
		}
		first[c.canon] = c.key
		kept = append(kept, c)
	}
	dirs := map[string]string{} // canonical directory → a key inside it
	for _, c := range kept {
		for d := path.Dir(c.canon); d != "."; d = path.Dir(d) {
			if _, ok := dirs[d]; ok {
				break
			}
			dirs[d] = c.key
		}
	}
	paths = map[string]string{}
	for _, c := range kept {
		if inside, ok := dirs[c.canon]; ok {
			refuse(c.key, fmt.Sprintf("is also the directory of %q; a file cannot be both", inside))
			continue
		}
		paths[c.key] = c.rel
	}
	return paths, refused
}

// foldCase maps s to one representative per case-folding class (the smallest rune
// of each simple-folding orbit), so names equal under case folding map equal.
func foldCase(s string) string {
	return strings.Map(func(r rune) rune {
		m := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			m = min(m, f)
		}
		return m
	}, s)
}

// caseInsensitive reports whether the backup directory's filesystem ignores case
// (macOS and Windows by default). A variable so tests can pretend.
var caseInsensitive = probeCaseInsensitive

// probeCaseInsensitive creates a file in the temporary directory and looks for it
// under an upper-case name.
func probeCaseInsensitive(root *os.Root) (bool, error) {
	name := path.Join(tmpDir, "case-probe-"+randomName())
	f, err := root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return false, err
	}
	f.Close()
	defer root.Remove(name)
	_, err = root.Stat(path.Join(tmpDir, strings.ToUpper(path.Base(name))))
	if err == nil {
		return true, nil
	}
	if os.IsNotExist(err) {
		return false, nil
	}
	return false, err
}

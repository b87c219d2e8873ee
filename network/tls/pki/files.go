package pki

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// WritePrivate writes each file (name -> contents) into dir with mode 0600,
// where only we can read it: the client's private key is among them.
//
// dir is created 0700 (with its parents) when missing. An existing dir is used only when it is
// a real directory (not a symlink), owned by us, and closed to group and
// others; otherwise another user could have made it first (a world-writable
// /tmp/cloudgo-tls, or a symlink to somewhere they can read) and would get
// the key. Inside it, a leftover file is removed and the new one created
// with O_EXCL|O_NOFOLLOW: os.WriteFile would keep a planted file's mode and
// follow a planted symlink.
func WritePrivate(dir string, files map[string][]byte) error {
	// MkdirAll leaves an existing dir (or symlink) alone; it is checked below.
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	seen, err := os.Lstat(dir)
	if err != nil {
		return fmt.Errorf("check %s: %w", dir, err)
	}
	if !seen.IsDir() {
		return fmt.Errorf("%s is not a directory (%v): refusing to write keys through it; remove it or choose another -dir", dir, seen.Mode().Type())
	}
	root, err := os.OpenRoot(dir) // all further work is relative to this open directory
	if err != nil {
		return fmt.Errorf("open %s: %w", dir, err)
	}
	defer root.Close()
	opened, err := root.Stat(".")
	if err != nil {
		return fmt.Errorf("check %s: %w", dir, err)
	}
	switch {
	case !os.SameFile(seen, opened):
		return fmt.Errorf("%s changed while it was being opened: refusing it", dir)
	case !ownedByUs(opened):
		return fmt.Errorf("%s belongs to another user: refusing to write keys there; choose another -dir", dir)
	case opened.Mode().Perm()&0o077 != 0:
		return fmt.Errorf("%s has mode %#o, open to other users: refusing to write keys there; chmod 700 it or choose another -dir", dir, opened.Mode().Perm())
	}
	for name, data := range files {
		if err := root.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("remove old %s in %s: %w", name, dir, err)
		}
		f, err := root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL|noFollow, 0o600)
		if err != nil {
			return fmt.Errorf("create %s in %s: %w", name, dir, err)
		}
		_, err = f.Write(data)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("write %s in %s: %w", name, dir, err)
		}
	}
	return nil
}

//go:build unix

package pki

import (
	"io/fs"
	"os"
	"syscall"
)

// noFollow makes opening a symlink fail instead of following it.
const noFollow = syscall.O_NOFOLLOW

func ownedByUs(info fs.FileInfo) bool {
	st, ok := info.Sys().(*syscall.Stat_t)
	return ok && int(st.Uid) == os.Geteuid()
}

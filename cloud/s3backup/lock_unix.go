//go:build unix

package s3backup

import (
	"errors"
	"fmt"
	"os"
	"path"
	"syscall"
)

var lockFile = path.Join(MetaDir, "lock")

// lockDir takes an exclusive, non-blocking flock on .s3backup/lock. The kernel
// drops it when the process ends, however it ends: no stale lock after a crash.
func lockDir(root *os.Root, dir string) (unlock func(), err error) {
	if err := root.MkdirAll(MetaDir, 0o755); err != nil {
		return nil, fmt.Errorf("create %s: %w", MetaDir, err)
	}
	f, err := root.OpenFile(lockFile, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open lock file: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("%w: %s (%s is held; this run does nothing)", ErrLocked, dir, lockFile)
		}
		return nil, fmt.Errorf("lock %s: %w", lockFile, err)
	}
	return func() { f.Close() }, nil
}

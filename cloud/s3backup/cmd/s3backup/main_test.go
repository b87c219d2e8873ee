package main

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"example.com/cloudgo/cloud/internal/cli"
	"example.com/cloudgo/cloud/s3backup"
)

// TestSecondRunSaysLocked: while another process holds the backup directory's
// lock (an overlapping cron run), the program stops with one clear line, exit 1,
// without contacting S3.
func TestSecondRunSaysLocked(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, s3backup.MetaDir), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(filepath.Join(dir, s3backup.MetaDir, "lock"), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		t.Fatal(err)
	}
	t.Setenv("AWS_ACCESS_KEY_ID", "x")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "y")
	var out strings.Builder
	err = run(context.Background(), []string{"-endpoint", "http://127.0.0.1:1", "-bucket", "b", "-dir", dir}, &out, io.Discard)
	if !errors.Is(err, s3backup.ErrLocked) || cli.Code(err) != 1 || !strings.Contains(err.Error(), dir) || out.Len() != 0 {
		t.Fatalf("got %v (exit %d), output %q; want ErrLocked naming %s, exit 1, nothing else", err, cli.Code(err), out.String(), dir)
	}
}

// Command perms shows what the mode bits of a new file really are: the
// mode passed to open(2) is a request the umask cuts down; and how Go
// prints /tmp's sticky bit differently from ls.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"example.com/cloudgo/linux/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("perms", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fset := flag.NewFlagSet("perms", flag.ContinueOnError)
	fset.SetOutput(stderr)
	if err := cli.Parse(fset, args); err != nil {
		return err
	}
	if fset.NArg() > 0 {
		return cli.Usagef("no arguments expected, got %q", fset.Args())
	}
	if err := umaskDemo(stdout); err != nil {
		return err
	}
	// /tmp is the classic sticky directory: anyone may create files, only
	// the owner may delete them. Go's FileMode prints it differently from ls.
	fi, err := os.Stat("/tmp")
	if err != nil {
		return fmt.Errorf("stat /tmp: %w", err)
	}
	fmt.Fprintf(stdout, "/tmp: octal %04o, Go %v, sticky=%v\n", unixPerm(fi.Mode()), fi.Mode(), fi.Mode()&fs.ModeSticky != 0)
	return nil
}

// umaskDemo: the mode passed to open/mkdir is a request; the umask removes
// bits from it. 0666 &^ 022 = 0644, 0666 &^ 077 = 0600.
func umaskDemo(out io.Writer) error {
	dir, err := os.MkdirTemp("", "perms-demo-")
	if err != nil {
		return fmt.Errorf("make temp dir: %w", err)
	}
	defer os.RemoveAll(dir)
	old := syscall.Umask(0o022) // process-wide: do this only in a small program, never in a library
	defer syscall.Umask(old)
	for _, mask := range []int{0o022, 0o077} {
		syscall.Umask(mask)
		p := filepath.Join(dir, fmt.Sprintf("f%03o", mask))
		if err := os.WriteFile(p, nil, 0o666); err != nil {
			return fmt.Errorf("create %s: %w", p, err)
		}
		fi, err := os.Stat(p)
		if err != nil {
			return fmt.Errorf("stat %s: %w", p, err)
		}
		fmt.Fprintf(out, "umask %03o: create 0666 -> %04o %v\n", mask, fi.Mode().Perm(), fi.Mode().Perm())
	}
	return nil
}

// unixPerm converts Go's FileMode back to the chmod(2) bits.
func unixPerm(m fs.FileMode) uint32 {
	v := uint32(m.Perm())
	for bit, flag := range map[uint32]fs.FileMode{0o4000: fs.ModeSetuid, 0o2000: fs.ModeSetgid, 0o1000: fs.ModeSticky} {
		if m&flag != 0 {
			v |= bit
		}
	}
	return v
}

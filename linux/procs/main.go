// Command procs covers permissions and processes: mode bits and the umask,
// and listing processes from /proc like a tiny ps. (Signals, supervised
// children and exit codes are in ../supervise.)
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "procs:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, _ []string, out io.Writer) error {
	if err := umaskDemo(out); err != nil {
		return err
	}
	// /tmp is the classic sticky directory: anyone may create files, only
	// the owner may delete them. Go's FileMode prints it differently from ls.
	if fi, err := os.Stat("/tmp"); err == nil {
		fmt.Fprintf(out, "/tmp: octal %04o, Go %v, sticky=%v\n", unixPerm(fi.Mode()), fi.Mode(), fi.Mode()&fs.ModeSticky != 0)
	}

	// Start a child so the listing has something known to find.
	child := exec.CommandContext(ctx, "sleep", "30")
	if err := child.Start(); err != nil {
		return fmt.Errorf("start sleep: %w", err)
	}
	defer func() { child.Process.Kill(); child.Wait() }()

	procs, err := listProcs()
	if err != nil {
		return err
	}
	for _, p := range procs {
		switch {
		case p.PID == os.Getpid():
			fmt.Fprintf(out, "/proc lists %d processes; this one is %q, parent alive=%v\n", len(procs), p.Comm, alive(p.PPID))
		case p.PPID == os.Getpid():
			fmt.Fprintf(out, "child: pid matches exec.Cmd=%v, comm %q, state %s\n", p.PID == child.Process.Pid, p.Comm, p.State)
		}
	}
	return nil
}

// umaskDemo: the mode passed to open/mkdir is a request; the umask removes
// bits from it. 0666 &^ 022 = 0644, 0666 &^ 077 = 0600.
func umaskDemo(out io.Writer) error {
	dir, err := os.MkdirTemp("", "procs-demo-")
	if err != nil {
		return fmt.Errorf("make temp dir: %w", err)
	}
	defer os.RemoveAll(dir)
	old := syscall.Umask(0o022) // process-wide: do this only in small programs
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

// Proc is one line of a tiny ps.
type Proc struct {
	PID, PPID int
	State     string
	Comm      string
}

// listProcs reads /proc/<pid>/stat. The command name is in parentheses
// and may itself contain spaces or ')', so split at the LAST ')'.
func listProcs() ([]Proc, error) {
	ents, err := os.ReadDir("/proc")
	if err != nil {
		return nil, fmt.Errorf("read /proc: %w", err)
	}
	var out []Proc
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue // not a process directory
		}
		p, err := readStat(pid)
		if err != nil {
			continue // the process exited while we were looking: normal
		}
		out = append(out, p)
	}
	return out, nil
}

func readStat(pid int) (Proc, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return Proc{}, err
	}
	s := string(b)
	open, close := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
	if open < 0 || close < open {
		return Proc{}, fmt.Errorf("parse /proc/%d/stat: %q", pid, s)
	}
	f := strings.Fields(s[close+1:])
	if len(f) < 2 {
		return Proc{}, fmt.Errorf("parse /proc/%d/stat: %q", pid, s)
	}
	ppid, _ := strconv.Atoi(f[1])
	return Proc{PID: pid, PPID: ppid, State: f[0], Comm: s[open+1 : close]}, nil
}

// alive uses signal 0: permission and existence checks, no signal sent.
func alive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

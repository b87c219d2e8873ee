// Command procs covers permissions and processes: mode bits and the umask,
// listing processes from /proc, signal handling with signal.NotifyContext,
// and supervising a child that is stopped gracefully (SIGTERM, then SIGKILL
// after a deadline), with its exit status decoded.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

func main() {
	if mode := os.Getenv(childEnv); mode != "" {
		os.Exit(child(mode, os.Stdout))
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "procs:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, _ []string, out io.Writer) error {
	if err := umaskDemo(out); err != nil {
		return err
	}
	procs, err := listProcs()
	if err != nil {
		return err
	}
	for _, p := range procs {
		if p.PID == os.Getpid() {
			fmt.Fprintf(out, "/proc: %d processes; this one is %q, state %s, parent alive=%v\n",
				len(procs), p.Comm, p.State, alive(p.PPID))
		}
	}
	self, err := os.Executable()
	if err != nil {
		return fmt.Errorf("find own executable: %w", err)
	}
	for _, mode := range []string{"graceful", "stubborn", "exit3"} {
		start := time.Now()
		status, err := supervise(ctx, self, mode, time.Second, out)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "supervisor: %s child -> %s (stopped within 3s: %v)\n", mode, status, time.Since(start) < 3*time.Second)
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

const childEnv = "PROCS_CHILD"

// supervise starts a child and, once it is running, asks it to stop the
// polite way: CommandContext's Cancel sends SIGTERM, and if the child is
// still alive after grace, WaitDelay makes Go send SIGKILL.
func supervise(ctx context.Context, exe, mode string, grace time.Duration, out io.Writer) (string, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	cmd := exec.CommandContext(ctx, exe)
	cmd.Env = append(os.Environ(), childEnv+"="+mode)
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGTERM) }
	cmd.WaitDelay = grace
	ready, err := cmd.StdoutPipe()
	if err != nil {
		return "", err
	}
	if err := cmd.Start(); err != nil {
		return "", fmt.Errorf("start child %s: %w", mode, err)
	}
	buf := make([]byte, len("ready\n"))
	if _, err := io.ReadFull(ready, buf); err != nil { // wait until its handler is installed
		cmd.Process.Kill()
		cmd.Wait()
		return "", fmt.Errorf("child %s never became ready: %w", mode, err)
	}
	cancel()                     // time to stop: SIGTERM now
	rest, _ := io.ReadAll(ready) // what it printed while stopping
	err = cmd.Wait()
	if s := strings.TrimSpace(string(rest)); s != "" {
		fmt.Fprintf(out, "  child says: %s\n", s)
	}
	return exitStatus(cmd, err), nil
}

// exitStatus explains how a process ended: an exit code or a signal.
func exitStatus(cmd *exec.Cmd, err error) string {
	ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus)
	switch {
	case !ok:
		return fmt.Sprintf("unknown (%v)", err)
	case ws.Signaled():
		return "killed by " + sigName(ws.Signal())
	default:
		return fmt.Sprintf("exit code %d", ws.ExitStatus())
	}
}

// child is what the supervised process runs.
func child(mode string, out io.Writer) int {
	switch mode {
	case "stubborn":
		signal.Ignore(syscall.SIGTERM) // a process that will not listen
		fmt.Fprintln(out, "ready")
		time.Sleep(time.Minute)
		return 0
	default:
		ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
		defer stop()
		fmt.Fprintln(out, "ready")
		<-ctx.Done() // real work would run here until the signal
		fmt.Fprintln(out, "got SIGTERM, flushing and exiting")
		if mode == "exit3" {
			return 3
		}
		return 0
	}
}

func sigName(s syscall.Signal) string {
	names := map[syscall.Signal]string{syscall.SIGKILL: "SIGKILL", syscall.SIGTERM: "SIGTERM", syscall.SIGINT: "SIGINT"}
	if n, ok := names[s]; ok {
		return n
	}
	return fmt.Sprintf("signal %d (%v)", int(s), s)
}

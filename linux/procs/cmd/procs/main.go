// Command procs lists processes from /proc like a tiny ps and finds
// itself and a child it started. (Mode bits and the umask are in ../perms;
// signals, supervised children and exit codes in ../supervise.)
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"syscall"
	"time"

	"example.com/cloudgo/linux/internal/cli"
	"example.com/cloudgo/linux/procs"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("procs", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("procs", flag.ContinueOnError)
	fs.SetOutput(stderr)
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return cli.Usagef("no arguments expected, got %q", fs.Args())
	}
	// Start a child so the listing has something known to find.
	child := exec.CommandContext(ctx, "sleep", "30")
	if err := child.Start(); err != nil {
		return fmt.Errorf("start sleep: %w", err)
	}
	defer func() { child.Process.Kill(); child.Wait() }()
	// Wait (bounded) until the child sleeps: just after the start it may
	// still be running (R) its start-up.
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if p, err := procs.ReadStat(child.Process.Pid); err == nil && p.State == "S" {
			break
		}
	}

	list, err := procs.List()
	if err != nil {
		return err
	}
	var self, kid string // printed in this order, whatever the pids
	for _, p := range list {
		switch {
		case p.PID == os.Getpid():
			self = fmt.Sprintf("/proc lists this process as %q, parent alive=%v\n", p.Comm, procs.Alive(p.PPID))
		case p.PPID == os.Getpid():
			kid = fmt.Sprintf("child: pid matches exec.Cmd=%v, comm %q, state %s\n", p.PID == child.Process.Pid, p.Comm, p.State)
		}
	}
	fmt.Fprint(stdout, self, kid)
	return nil
}

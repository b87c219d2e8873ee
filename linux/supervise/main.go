// Command supervise runs a child process and stops it the polite way:
// SIGTERM first, SIGKILL if it is still alive after a grace period. The
// child handles SIGTERM with signal.NotifyContext; the parent decodes how
// it ended (exit code or signal).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"example.com/cloudgo/linux/internal/cli"
)

func main() {
	if mode := os.Getenv(childEnv); mode != "" { // this process is the re-executed child
		os.Exit(child(mode, os.Stdout))
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("supervise", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run re-executes this program as the child, once per behaviour.
func run(ctx context.Context, args []string, out, stderr io.Writer) error {
	fset := flag.NewFlagSet("supervise", flag.ContinueOnError)
	fset.SetOutput(stderr)
	grace := fset.Duration("grace", time.Second, "how long a child may take after SIGTERM before SIGKILL")
	if err := cli.Parse(fset, args); err != nil {
		return err
	}
	if *grace <= 0 || *grace > 2*time.Second {
		return cli.Usagef("-grace must be above 0 and at most 2s, got %v", *grace)
	}
	self, err := os.Executable()
	if err != nil {
		return fmt.Errorf("find own executable: %w", err)
	}
	for _, mode := range []string{"graceful", "stubborn", "exit3"} {
		start := time.Now()
		status, err := supervise(ctx, self, mode, *grace, out)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "supervisor: %s child -> %s (stopped within 3s: %v)\n", mode, status, time.Since(start) < 3*time.Second)
	}
	return nil
}

const childEnv = "SUPERVISE_CHILD"

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

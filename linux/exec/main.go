// Command exec runs other programs from Go the safe way: captured output,
// exit codes, timeouts, and arguments that can never be
// reinterpreted by a shell. (The Python original's subprocess.run(['ls', '-la']).)
// Pipes between commands are in ../pipe.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"example.com/cloudgo/linux/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("exec", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("exec", flag.ContinueOnError)
	fs.SetOutput(stderr)
	timeout := fs.Duration("timeout", 200*time.Millisecond, "how long step 3 lets `sleep 10` run")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if *timeout <= 0 || *timeout >= 10*time.Second {
		return cli.Usagef("-timeout must be above 0 and below 10s (sleep 10 must be cut short), got %v", *timeout)
	}
	dir, err := os.MkdirTemp("", "exec-demo-")
	if err != nil {
		return fmt.Errorf("make temp dir: %w", err)
	}
	defer os.RemoveAll(dir)
	for _, name := range []string{"a.txt", "b.txt", "notes; touch PWNED"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("hello\n"), 0o644); err != nil {
			return fmt.Errorf("write %s: %w", name, err)
		}
	}

	// 1. Capture stdout: the program and each argument are separate strings.
	listing, err := cmdC(ctx, "ls", "-la", dir).Output()
	if err != nil {
		return fmt.Errorf("ls -la %s: %w", dir, err)
	}
	fmt.Fprintln(stdout, "1. ls -la, names only:")
	for line := range strings.Lines(string(listing)) {
		if f := strings.Fields(line); len(f) >= 9 { // skip "total N"
			fmt.Fprintf(stdout, "   %s\n", strings.Join(f[8:], " "))
		}
	}

	// 2. A failing command is an *exec.ExitError carrying the exit status.
	code, msg, err := exitCode(cmdC(ctx, "ls", filepath.Join(dir, "missing")))
	if err != nil {
		return fmt.Errorf("ls missing: %w", err)
	}
	fmt.Fprintf(stdout, "2. ls missing: exit code %d, stderr %q\n", code, strings.ReplaceAll(msg, dir, "$DIR"))

	// 3. Timeouts: CommandContext kills the child when the context ends.
	start := time.Now()
	err = runFor(ctx, *timeout, "sleep", "10")
	fmt.Fprintf(stdout, "3. sleep 10 with a %v timeout: %v, stopped before 10s=%v\n", *timeout, err, time.Since(start) < 10*time.Second)

	// 4. Why arguments are never concatenated into a shell string: a file
	// named "notes; touch PWNED" (it could as well say "x; rm -rf ~").
	name := "notes; touch PWNED"
	safe, err := catFile(ctx, dir, name)
	if err != nil {
		return err
	}
	unsafe := exec.CommandContext(ctx, "sh", "-c", "cat "+name) // DON'T: the shell splits at ';'
	unsafe.Dir = dir
	_ = unsafe.Run() // cat of "notes" fails; then "touch PWNED" succeeds
	_, pwned := os.Stat(filepath.Join(dir, "PWNED"))
	fmt.Fprintf(stdout, "4. exec.Command(\"cat\", name) read %q; sh -c \"cat \"+name ran a second command, PWNED exists=%v\n",
		safe, pwned == nil)
	return nil
}

// catFile reads dir/name with cat, the name passed as one argv entry: no
// shell parses it, and "--" keeps a name like "-rf" a name.
func catFile(ctx context.Context, dir, name string) (string, error) {
	cmd := cmdC(ctx, "cat", "--", name)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("cat %q: %w", name, err)
	}
	return string(out), nil
}

// exitCode runs cmd expecting it to fail, and returns its exit status and
// what it printed on stderr (Output captures it into the *exec.ExitError).
func exitCode(cmd *exec.Cmd) (int, string, error) {
	_, err := cmd.Output()
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		return 0, "", fmt.Errorf("expected a non-zero exit, got %v", err)
	}
	return ee.ExitCode(), strings.TrimSpace(string(ee.Stderr)), nil
}

// runFor runs a command for at most d. WaitDelay bounds how long Wait then
// waits for grandchildren that still hold the output pipes.
func runFor(ctx context.Context, d time.Duration, name string, args ...string) error {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	cmd := cmdC(ctx, name, args...)
	cmd.WaitDelay = time.Second
	return cmd.Run()
}

// cmdC is exec.CommandContext with LC_ALL=C: byte-order sorting and
// untranslated messages, whatever the user's locale.
func cmdC(ctx context.Context, name string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(os.Environ(), "LC_ALL=C")
	return cmd
}

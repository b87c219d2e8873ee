// Command exec runs other programs from Go the safe way: captured output,
// exit codes, timeouts, pipes, and arguments that can never be
// reinterpreted by a shell. (Python's subprocess.run(['ls', '-la']).)
package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "exec:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, _ []string, out io.Writer) error {
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
	// LC_ALL=C: byte-order sorting and untranslated messages, whatever the user's locale.
	listing, err := cmdC(ctx, "ls", "-la", dir).Output()
	if err != nil {
		return fmt.Errorf("ls -la %s: %w", dir, err)
	}
	fmt.Fprintln(out, "1. ls -la, names only:")
	for line := range strings.Lines(string(listing)) {
		if f := strings.Fields(line); len(f) >= 9 { // skip "total N"
			fmt.Fprintf(out, "   %s\n", strings.Join(f[8:], " "))
		}
	}

	// 2. A failing command is an *exec.ExitError carrying the exit status;
	// with Output() its stderr is captured into the error too.
	_, err = cmdC(ctx, "ls", filepath.Join(dir, "missing")).Output()
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		msg := strings.ReplaceAll(strings.TrimSpace(string(exitErr.Stderr)), dir, "$DIR")
		fmt.Fprintf(out, "2. ls missing: exit code %d, stderr %q\n", exitErr.ExitCode(), msg)
	} else {
		return fmt.Errorf("ls missing: expected an exit error, got %v", err)
	}

	// 3. Timeouts: CommandContext kills the child when the context ends.
	// WaitDelay bounds how long Wait then waits for leftover pipe holders.
	tctx, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
	defer cancel()
	slow := exec.CommandContext(tctx, "sleep", "10")
	slow.WaitDelay = time.Second
	start := time.Now()
	err = slow.Run()
	fmt.Fprintf(out, "3. sleep 10 with a 200ms timeout: %v after <1s=%v, deadline exceeded=%v\n",
		err, time.Since(start) < time.Second, errors.Is(tctx.Err(), context.DeadlineExceeded))

	// 4. A pipe, ls -1 | wc -l, wired in Go instead of by a shell.
	n, err := pipeline(cmdC(ctx, "ls", "-1", dir), cmdC(ctx, "wc", "-l"))
	if err != nil {
		return fmt.Errorf("ls | wc: %w", err)
	}
	fmt.Fprintf(out, "4. ls -1 | wc -l: %s\n", strings.TrimSpace(n))

	// 5. Why arguments are never concatenated into a shell string: a file
	// named "notes; touch PWNED" (it could as well say "x; rm -rf ~").
	name := "notes; touch PWNED"
	safeCmd := exec.CommandContext(ctx, "cat", "--", name)      // "--": a name like "-rf" stays a name
	unsafe := exec.CommandContext(ctx, "sh", "-c", "cat "+name) // DON'T: the shell splits at ';'
	safeCmd.Dir, unsafe.Dir = dir, dir
	safe, err := safeCmd.Output()
	if err != nil {
		return fmt.Errorf("cat %q: %w", name, err)
	}
	_ = unsafe.Run() // cat of "notes" fails; then "touch PWNED" succeeds
	_, pwned := os.Stat(filepath.Join(dir, "PWNED"))
	fmt.Fprintf(out, "5. exec.Command(\"cat\", name) read %q; sh -c \"cat \"+name ran a second command, PWNED exists=%v\n",
		string(safe), pwned == nil)
	return nil
}

// pipeline connects first's stdout to second's stdin and returns second's
// output. Both are waited for, so neither is left as a zombie.
func pipeline(first, second *exec.Cmd) (string, error) {
	pipe, err := first.StdoutPipe()
	if err != nil {
		return "", err
	}
	second.Stdin = pipe
	var buf bytes.Buffer
	second.Stdout = &buf
	if err := first.Start(); err != nil {
		return "", fmt.Errorf("start %s: %w", first.Path, err)
	}
	if err := second.Run(); err != nil {
		first.Wait()
		return "", fmt.Errorf("run %s: %w", second.Path, err)
	}
	if err := first.Wait(); err != nil {
		return "", fmt.Errorf("wait %s: %w", first.Path, err)
	}
	return buf.String(), nil
}

func cmdC(ctx context.Context, name string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(os.Environ(), "LC_ALL=C")
	return cmd
}

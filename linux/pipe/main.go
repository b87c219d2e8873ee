// Command pipe wires commands together in Go instead of with a shell:
// `ls -1 | wc -l` and `yes | head -n 1`, the second showing why the parent
// must close its copies of the pipe.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"strings"
	"syscall"

	"example.com/cloudgo/linux/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("pipe", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("pipe", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 1, "lines head keeps from the endless `yes`")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if *n < 1 {
		return cli.Usagef("-n must be at least 1, got %d", *n)
	}
	dir, err := os.MkdirTemp("", "pipe-demo-")
	if err != nil {
		return fmt.Errorf("make temp dir: %w", err)
	}
	defer os.RemoveAll(dir)
	for _, name := range []string{"a.txt", "b.txt", "c.txt"} {
		if err := os.WriteFile(dir+"/"+name, nil, 0o644); err != nil {
			return fmt.Errorf("write %s: %w", name, err)
		}
	}
	out, err := pipeline(cmdC(ctx, "ls", "-1", dir), cmdC(ctx, "wc", "-l"))
	if err != nil {
		return fmt.Errorf("ls | wc: %w", err)
	}
	fmt.Fprintf(stdout, "ls -1 | wc -l: %s\n", strings.TrimSpace(out))

	// yes writes forever; it stops only when every read end of its pipe is
	// closed (SIGPIPE). head exits after n lines, so the parent's copy of
	// the read end is what decides whether this returns.
	out, err = pipeline(cmdC(ctx, "yes"), cmdC(ctx, "head", "-n", strconv.Itoa(*n)))
	if err != nil {
		return fmt.Errorf("yes | head: %w", err)
	}
	fmt.Fprintf(stdout, "yes | head -n %d: %q\n", *n, out)
	return nil
}

// pipeline connects first's stdout to second's stdin and returns second's
// output. The parent closes its copies of the pipe once both have started:
// otherwise the reader never sees EOF, and the writer never gets SIGPIPE
// when the reader quits early (yes | head -1 would never end). A writer
// killed by SIGPIPE has done its job, as in a shell without pipefail.
func pipeline(first, second *exec.Cmd) (string, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return "", err
	}
	first.Stdout, second.Stdin = w, r
	var buf bytes.Buffer
	second.Stdout = &buf
	err = first.Start()
	w.Close()
	if err != nil {
		r.Close()
		return "", fmt.Errorf("start %s: %w", first.Path, err)
	}
	err = second.Start()
	r.Close()
	if err != nil {
		first.Process.Kill()
		first.Wait()
		return "", fmt.Errorf("start %s: %w", second.Path, err)
	}
	err2 := second.Wait()
	err1 := first.Wait()
	if ws, ok := first.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() && ws.Signal() == syscall.SIGPIPE {
		err1 = nil
	}
	switch {
	case err2 != nil:
		return "", fmt.Errorf("run %s: %w", second.Path, err2)
	case err1 != nil:
		return "", fmt.Errorf("run %s: %w", first.Path, err1)
	}
	return buf.String(), nil
}

// cmdC is exec.CommandContext with LC_ALL=C (untranslated messages).
func cmdC(ctx context.Context, name string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(os.Environ(), "LC_ALL=C")
	return cmd
}

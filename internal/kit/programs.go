package kit

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// Build compiles the packages pkgs of the module in dir (`go build -o`) into a
// temporary folder of the test's, one binary per program, and returns the folder.
func Build(t testing.TB, dir string, pkgs ...string) string {
	t.Helper()
	out := t.TempDir()
	// No DWARF (-w): the programs only run, and link about a fifth faster.
	cmd := exec.Command("go", append([]string{"build", "-ldflags=-w", "-o", out + "/"}, pkgs...)...)
	cmd.Dir = dir
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build %s: %v\n%s", strings.Join(pkgs, " "), err, b)
	}
	return out
}

// UsageError runs binary with args (and env added to the test's environment) and
// requires what every cloudgo program promises for a bad flag or flag value: exit
// status 2 within 20 s, a message on stderr that contains want, no panic, and
// nothing on stdout.
func UsageError(t testing.TB, binary string, args, env []string, want string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Env = append(cmd.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 2 {
		t.Fatalf("%v: want exit status 2\nstderr: %s", err, stderr.String())
	}
	if !strings.Contains(stderr.String(), want) || strings.Contains(stderr.String(), "panic") {
		t.Errorf("stderr does not say %q:\n%s", want, stderr.String())
	}
	if stdout.Len() > 0 {
		t.Errorf("printed on stdout before refusing: %s", stdout.String())
	}
}

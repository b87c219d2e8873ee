package cli_test

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestProgramsRejectBadFlagValues builds every program of the topic and runs
// it with bad flag values: each must exit with status 2 and one clear line on
// stderr, before doing any work. Stdin is a pipe that is never closed, so a
// program that starts reading its input instead of rejecting the flags hangs
// and fails the test at the deadline. (Issue 13, item 15.) beamwordcount is a
// module of its own and has the same test (TestBadFlags).
func TestProgramsRejectBadFlagValues(t *testing.T) {
	programs := map[string][][]string{
		"words/cmd/wordcount": {
			{"-workers", "0"}, {"-workers", "-3"}, {"-chunk", "0"}, {"-chunk", "-1"}, {"-chunk", "99999999999"},
			{"-top", "-1"}, {"-mode", "magic"}, {"-workers", "many"}, {"a", "b"},
		},
		"rdd/cmd/rddwordcount": {
			{"-partitions", "0"}, {"-partitions", "-2"}, {"-partitions", "1000000000"}, {"-top", "-5"}, {"a", "b"},
		},
		"corpus/cmd/gencorpus": {
			{"-size", "0"}, {"-size", "-1"}, {"-size", "NaN"}, {"-size", "Inf"}, {"-size", "1e300"},
			{"-seed", "-1"}, {"stray"},
		},
	}
	bin := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	pkgs := []string{}
	for p := range programs {
		pkgs = append(pkgs, "./"+p)
	}
	build := exec.CommandContext(ctx, "go", append([]string{"build", "-o", bin + "/"}, pkgs...)...)
	build.Dir = "../.." // the module root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for pkg, cases := range programs {
		name := filepath.Base(pkg)
		for _, args := range cases {
			t.Run(name+" "+strings.Join(args, " "), func(t *testing.T) {
				ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
				defer cancel()
				cmd := exec.CommandContext(ctx, filepath.Join(bin, name), args...)
				stdin, err := cmd.StdinPipe() // never closed: reading it would block
				if err != nil {
					t.Fatal(err)
				}
				defer stdin.Close()
				var stdout, stderr bytes.Buffer
				cmd.Stdout, cmd.Stderr = &stdout, &stderr
				err = cmd.Run()
				var exit *exec.ExitError
				switch {
				case ctx.Err() != nil:
					t.Fatalf("no exit within the deadline: it went on with bad flags (stderr %q)", stderr.String())
				case !errors.As(err, &exit) || exit.ExitCode() != 2:
					t.Errorf("err = %v, want exit status 2 (stderr %q)", err, stderr.String())
				}
				first, _, _ := strings.Cut(stderr.String(), "\n")
				if !strings.Contains(first, args[0]) && !strings.Contains(first, "argument") && !strings.Contains(first, "input file") {
					t.Errorf("stderr %q does not name the bad flag or argument", stderr.String())
				}
				if strings.Contains(stderr.String(), "panic") || stdout.Len() != 0 {
					t.Errorf("stdout %q, stderr %q: want only the usage error", stdout.String(), stderr.String())
				}
			})
		}
	}
}

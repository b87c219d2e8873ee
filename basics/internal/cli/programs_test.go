package cli_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestProgramsRejectBadArguments builds every lesson of the topic and runs it
// with what it does not take: the lessons have no flags and no arguments, so
// an unknown flag, a flag value or a stray argument must give exit status 2
// and one line on stderr, and print none of the lesson; -h exits 0.
// (Issues 13 item 15 and 14: every program validates its flags.)
func TestProgramsRejectBadArguments(t *testing.T) {
	entries, err := os.ReadDir("../..")
	if err != nil {
		t.Fatal(err)
	}
	var names, pkgs []string
	for _, e := range entries {
		if _, err := os.Stat(filepath.Join("../..", e.Name(), "main.go")); err == nil {
			names = append(names, e.Name())
			pkgs = append(pkgs, "./"+e.Name())
		}
	}
	if len(names) < 13 {
		t.Fatalf("found %d programs (%q), want the 13 lessons", len(names), names)
	}
	bin := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	build := exec.CommandContext(ctx, "go", append([]string{"build", "-o", bin + "/"}, pkgs...)...)
	build.Dir = "../.." // the module root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cases := []struct {
		args []string
		code int
	}{
		{[]string{"-n", "5"}, 2},
		{[]string{"-verbose"}, 2},
		{[]string{"extra"}, 2},
		{[]string{"--", "-1"}, 2},
		{[]string{"-h"}, 0},
	}
	for _, name := range names {
		for _, c := range cases {
			t.Run(name+" "+strings.Join(c.args, " "), func(t *testing.T) {
				ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
				defer cancel()
				var stdout, stderr bytes.Buffer
				cmd := exec.CommandContext(ctx, filepath.Join(bin, name), c.args...)
				cmd.Stdout, cmd.Stderr = &stdout, &stderr
				err := cmd.Run()
				code := 0
				var exit *exec.ExitError
				if errors.As(err, &exit) {
					code = exit.ExitCode()
				} else if err != nil {
					t.Fatal(err)
				}
				if code != c.code || stdout.Len() != 0 || stderr.Len() == 0 {
					t.Errorf("exit %d, stdout %q, stderr %q; want exit %d, only stderr", code, stdout.String(), stderr.String(), c.code)
				}
			})
		}
	}
}

// Package linux_test holds the topic-wide checks on the programs as built
// binaries: what a reader sees when they mistype a flag.
package linux_test

import (
	"bytes"
	"errors"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Issue 13.15: every program rejects bad flag values with one clear line
// and exit status 2 (the coreutils tools keep GNU's status, 1 for head and
// tail -n, compared with GNU in coreutils' TestBadNumbersMatchGNU); never a
// panic, a hang or a silent default.
func TestBadFlagValues(t *testing.T) {
	bin := t.TempDir()
	build := exec.Command("go", "build", "-o", bin+"/",
		"./exec", "./pipe", "./files", "./jsonfile/cmd/jsonfile", "./perms", "./procs/cmd/procs", "./supervise",
		"./coreutils/cmd/head", "./coreutils/cmd/tail",
		"./logstats/cmd/logstats", "./logstats/cmd/genlog")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for _, c := range []struct {
		prog string
		args []string
		code int
		want string // in the one stderr line (or the flag package's first line)
	}{
		{"exec", []string{"-timeout", "0"}, 2, "-timeout must be above 0"},
		{"exec", []string{"-timeout", "-5s"}, 2, "-timeout must be above 0"},
		{"exec", []string{"-timeout", "1h"}, 2, "below 10s"},
		{"exec", []string{"-timeout", "fast"}, 2, `invalid value "fast" for flag -timeout`},
		{"pipe", []string{"-n", "0"}, 2, "-n must be at least 1, got 0"},
		{"pipe", []string{"-n", "-3"}, 2, "-n must be at least 1, got -3"},
		{"pipe", []string{"-n", "99999999999999999999"}, 2, `invalid value "99999999999999999999" for flag -n`},
		{"supervise", []string{"-grace", "0s"}, 2, "-grace must be above 0"},
		{"supervise", []string{"-grace", "-1s"}, 2, "-grace must be above 0"},
		{"supervise", []string{"-grace", "10m"}, 2, "at most 2s"},
		{"files", []string{"extra"}, 2, "no arguments expected"},
		{"logstats", []string{"-top", "0"}, 2, "-top must be 1-1000, got 0"},
		{"logstats", []string{"-format", "xml"}, 2, `-format must be auto, combined or json, got "xml"`},
		{"genlog", []string{"-n", "-1"}, 2, "-n must not be negative, got -1"},
		{"jsonfile", []string{"-n", "1"}, 2, "flag provided but not defined: -n"},
		{"perms", []string{"extra"}, 2, "no arguments expected"},
		{"procs", []string{"-x"}, 2, "flag provided but not defined: -x"},
		{"head", []string{"-n", "-x", "/dev/null"}, 1, "head: invalid number of lines: 'x'"},
		{"head", []string{"-n", "1.5", "/dev/null"}, 1, "head: invalid number of lines: '1.5'"},
		{"tail", []string{"-n", "+-3", "/dev/null"}, 1, "tail: invalid number of lines: '+-3'"},
		{"tail", []string{"-n", "99999999999999999999", "/dev/null"}, 1, "Value too large"},
	} {
		t.Run(c.prog+" "+strings.Join(c.args, " "), func(t *testing.T) {
			cmd := exec.Command(filepath.Join(bin, c.prog), c.args...)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != c.code {
				t.Fatalf("exit: %v, want status %d\nstderr: %s", err, c.code, stderr.String())
			}
			first, _, _ := strings.Cut(stderr.String(), "\n")
			if !strings.Contains(first, c.want) || strings.Contains(stderr.String(), "panic") {
				t.Errorf("stderr %q, want its first line to contain %q", stderr.String(), c.want)
			}
			if stdout.Len() != 0 {
				t.Errorf("printed %q on stdout before rejecting the flags", stdout.String())
			}
		})
	}
}

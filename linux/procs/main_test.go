package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestRunOutput(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), nil, &out); err != nil {
		t.Fatal(err)
	}
	want := []string{
		`^umask 022: create 0666 -> 0644 -rw-r--r--$`,
		`^umask 077: create 0666 -> 0600 -rw-------$`,
		`^/tmp: octal 1777, Go dtrwxrwxrwx, sticky=true$`,
		`^(/proc lists \d+ processes; this one is "procs\.test", parent alive=true|child: pid matches exec.Cmd=true, comm "sleep", state [RSD])$`,
		`^(/proc lists \d+ processes; this one is "procs\.test", parent alive=true|child: pid matches exec.Cmd=true, comm "sleep", state [RSD])$`,
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != len(want) {
		t.Fatalf("got %d lines, want %d:\n%s", len(lines), len(want), out.String())
	}
	for i, w := range want {
		if !regexp.MustCompile(w).MatchString(lines[i]) {
			t.Errorf("line %d = %q, want match for %s", i+1, lines[i], w)
		}
	}
}

func TestReadStatHandlesOddNames(t *testing.T) {
	p, err := readStat(os.Getpid())
	if err != nil || p.PPID != os.Getppid() || p.Comm == "" {
		t.Fatalf("readStat(self) = %+v, %v", p, err)
	}
	// A process named "a) b (c" must still parse: split at the last ')'.
	cmd := exec.Command("sleep", "5")
	if err := cmd.Start(); err != nil {
		t.Skip("no sleep(1) here (apt-get install coreutils)")
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	os.WriteFile("/proc/"+strconv.Itoa(cmd.Process.Pid)+"/comm", []byte("a) b (c"), 0o644)
	q, err := readStat(cmd.Process.Pid)
	if err != nil || q.PPID != os.Getpid() {
		t.Fatalf("readStat(child) = %+v, %v", q, err)
	}
	if q.Comm != "a) b (c" && q.Comm != "sleep" {
		t.Errorf("comm = %q", q.Comm)
	}
}

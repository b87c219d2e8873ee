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
	"time"
)

// TestMain lets the test binary double as the supervised child.
func TestMain(m *testing.M) {
	if mode := os.Getenv(childEnv); mode != "" {
		os.Exit(child(mode, os.Stdout))
	}
	// Under -race every process sleeps 1s at exit (atexit_sleep_ms), which
	// would make the graceful child look stubborn; children inherit this.
	os.Setenv("GORACE", "atexit_sleep_ms=0")
	os.Exit(m.Run())
}

func TestRunOutput(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), nil, &out); err != nil {
		t.Fatal(err)
	}
	want := []string{
		`^umask 022: create 0666 -> 0644 -rw-r--r--$`,
		`^umask 077: create 0666 -> 0600 -rw-------$`,
		`^/proc: \d+ processes; this one is "procs\.test", state [RS], parent alive=true$`,
		`^  child says: got SIGTERM, flushing and exiting$`,
		`^supervisor: graceful child -> exit code 0 \(stopped within 3s: true\)$`,
		`^supervisor: stubborn child -> killed by SIGKILL \(stopped within 3s: true\)$`,
		`^  child says: got SIGTERM, flushing and exiting$`,
		`^supervisor: exit3 child -> exit code 3 \(stopped within 3s: true\)$`,
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

// The graceful path must not wait for the grace period; the stubborn one
// must be killed right after it.
func TestSuperviseTiming(t *testing.T) {
	self, _ := os.Executable()
	var out bytes.Buffer
	start := time.Now()
	st, err := supervise(context.Background(), self, "graceful", 5*time.Second, &out)
	if err != nil || st != "exit code 0" || time.Since(start) > 3*time.Second {
		t.Errorf("graceful: %q %v after %v", st, err, time.Since(start))
	}
	start = time.Now()
	st, err = supervise(context.Background(), self, "stubborn", 200*time.Millisecond, &out)
	took := time.Since(start)
	if err != nil || st != "killed by SIGKILL" || took < 200*time.Millisecond || took > 3*time.Second {
		t.Errorf("stubborn: %q %v after %v", st, err, took)
	}
}

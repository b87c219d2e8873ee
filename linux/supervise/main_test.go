package main

import (
	"bytes"
	"context"
	"os"
	"testing"
	"time"

	"example.com/cloudgo/linux/internal/cli"
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
	var out, errb bytes.Buffer
	if err := run(context.Background(), nil, &out, &errb); err != nil {
		t.Fatal(err)
	}
	want := `  child says: got SIGTERM, flushing and exiting
supervisor: graceful child -> exit code 0 (stopped within 3s: true)
supervisor: stubborn child -> killed by SIGKILL (stopped within 3s: true)
  child says: got SIGTERM, flushing and exiting
supervisor: exit3 child -> exit code 3 (stopped within 3s: true)
`
	if out.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", out.String(), want)
	}
}

// The graceful path must not wait for the grace period; the stubborn one
// must be killed right after it.
func TestSuperviseTiming(t *testing.T) {
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
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

func TestBadFlagValuesExit2(t *testing.T) {
	for _, args := range [][]string{{"-grace", "0"}, {"-grace", "-1s"}, {"-grace", "1h"}, {"-grace", "x"}} {
		var out, errb bytes.Buffer
		if err := run(context.Background(), args, &out, &errb); cli.Code(err) != 2 {
			t.Errorf("run %q = %v, want exit 2", args, err)
		}
	}
}

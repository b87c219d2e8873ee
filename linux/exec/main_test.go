package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

func need(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			msg := tool + " not found (apt-get install coreutils / dash): " + err.Error()
			if os.Getenv("CLOUDGO_REQUIRE_SERVICES") == "1" {
				t.Fatal(msg)
			}
			t.Skip(msg)
		}
	}
}

func TestRunOutput(t *testing.T) {
	need(t, "ls", "wc", "cat", "sleep", "sh")
	var out bytes.Buffer
	if err := run(context.Background(), nil, &out); err != nil {
		t.Fatal(err)
	}
	want := `1. ls -la, names only:
   .
   ..
   a.txt
   b.txt
   notes; touch PWNED
2. ls missing: exit code 2, stderr "ls: cannot access '$DIR/missing': No such file or directory"
3. sleep 10 with a 200ms timeout: signal: killed after <1s=true, deadline exceeded=true
4. ls -1 | wc -l: 3
5. exec.Command("cat", name) read "hello\n"; sh -c "cat "+name ran a second command, PWNED exists=true
`
	if out.String() != want {
		t.Errorf("output:\n%s\nwant:\n%s", out.String(), want)
	}
}

// The injection-safe form passes the hostile name as one argv entry: the
// shell never sees it, so nothing besides cat runs.
func TestArgumentsAreNotShellParsed(t *testing.T) {
	need(t, "touch")
	dir := t.TempDir()
	name := "x; touch PWNED"
	cmd := exec.Command("touch", "--", name)
	cmd.Dir = dir
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
		t.Errorf("the file with the odd name should exist: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "PWNED")); err == nil {
		t.Error("PWNED exists: the name was interpreted by a shell")
	}
}

func TestExitCodeAndTimeout(t *testing.T) {
	need(t, "sh", "sleep")
	err := exec.Command("sh", "-c", "exit 7").Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 7 {
		t.Errorf("want exit code 7, got %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	err = exec.CommandContext(ctx, "sleep", "30").Run()
	if err == nil || time.Since(start) > 5*time.Second {
		t.Errorf("sleep was not stopped by the timeout: err=%v after %v", err, time.Since(start))
	}
}

func TestPipelinePassesData(t *testing.T) {
	need(t, "printf", "sort")
	got, err := pipeline(exec.Command("printf", "b\\na\\nc\\n"), exec.Command("sort"))
	if err != nil || got != "a\nb\nc\n" {
		t.Errorf("printf | sort = %q, %v", got, err)
	}
}

package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"example.com/cloudgo/linux/internal/cli"
	"example.com/cloudgo/linux/internal/needtool"
)

func TestRunOutput(t *testing.T) {
	needtool.Need(t, "ls", "cat", "sleep", "sh")
	var out, errb bytes.Buffer
	if err := run(context.Background(), nil, &out, &errb); err != nil {
		t.Fatal(err)
	}
	want := `1. ls -la, names only:
   .
   ..
   a.txt
   b.txt
   notes; touch PWNED
2. ls missing: exit code 2, stderr "ls: cannot access '$DIR/missing': No such file or directory"
3. sleep 10 with a 200ms timeout: signal: killed, stopped before 10s=true
4. exec.Command("cat", name) read "hello\n"; sh -c "cat "+name ran a second command, PWNED exists=true
`
	if out.String() != want {
		t.Errorf("output:\n%s\nwant:\n%s", out.String(), want)
	}
}

// catFile passes the hostile name as one argv entry: it reads the file of
// that name, and nothing besides cat runs. The shell form, built the way
// the Python original's os.system examples are, does run the second command.
func TestArgumentsAreNotShellParsed(t *testing.T) {
	needtool.Need(t, "cat", "sh", "touch")
	dir := t.TempDir()
	name := "x; touch PWNED"
	if err := os.WriteFile(filepath.Join(dir, name), []byte("content"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := catFile(context.Background(), dir, name)
	if err != nil || got != "content" {
		t.Fatalf("catFile(%q) = %q, %v", name, got, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "PWNED")); err == nil {
		t.Fatal("PWNED exists: the name was interpreted by a shell")
	}
	// The same name given to catFile as "-n": still a file name, thanks to "--".
	if _, err := catFile(context.Background(), dir, "-n"); err == nil {
		t.Error(`catFile("-n") succeeded: "-n" was taken as an option, not a missing file`)
	}
}

func TestExitCodeReportsStatusAndStderr(t *testing.T) {
	needtool.Need(t, "sh")
	code, msg, err := exitCode(exec.Command("sh", "-c", "echo oops >&2; exit 7"))
	if err != nil || code != 7 || msg != "oops" {
		t.Errorf("exitCode = %d, %q, %v; want 7, oops", code, msg, err)
	}
	if _, _, err := exitCode(exec.Command("sh", "-c", "exit 0")); err == nil {
		t.Error("exitCode of a successful command should be an error (it expects a failure)")
	}
}

func TestRunForStopsTheCommand(t *testing.T) {
	needtool.Need(t, "sleep")
	start := time.Now()
	err := runFor(context.Background(), 100*time.Millisecond, "sleep", "30")
	if err == nil || err.Error() != "signal: killed" || time.Since(start) > 10*time.Second {
		t.Errorf("runFor(100ms, sleep 30) = %v after %v; want signal: killed, quickly", err, time.Since(start))
	}
	if err := runFor(context.Background(), 10*time.Second, "sleep", "0"); err != nil {
		t.Errorf("a command that finishes in time: %v", err)
	}
}

func TestBadFlagValuesExit2(t *testing.T) {
	for _, args := range [][]string{{"-timeout", "0"}, {"-timeout", "-1s"}, {"-timeout", "10s"}, {"-timeout", "x"}, {"-nope"}} {
		var out, errb bytes.Buffer
		err := run(context.Background(), args, &out, &errb)
		if cli.Code(err) != 2 || !regexp.MustCompile(`timeout|nope`).MatchString(err.Error()+errb.String()) {
			t.Errorf("run %q = %v (code %d), want a clear exit-2 error", args, err, cli.Code(err))
		}
	}
}

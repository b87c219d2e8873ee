package coreutils

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
)

const rmRootMsg = "rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n"

// GNU's refusal, checked with --preserve-root spelled out so the real rm
// is guaranteed (by its documentation) to refuse.
func TestGNURmRefusesRoot(t *testing.T) {
	g := runGNU(t, t.TempDir(), "rm", []string{"-rf", "--preserve-root", "/"}, "")
	if g.code != 1 || g.stderr != rmRootMsg {
		t.Fatalf("GNU rm -rf / did not refuse as expected: %v", g)
	}
}

// Our rm must refuse "/" in every spelling. A bug here must not be able
// to wipe the machine, so the call runs in a child process chrooted into
// an empty temp dir with a canary file: if the guard failed, only the
// canary would go, and the test would see it gone.
func TestRmRefusesRootInChroot(t *testing.T) {
	if os.Getenv("RM_ROOT_CHILD") != "" {
		rmRootChild()
		return
	}
	if os.Geteuid() != 0 {
		t.Skip("chroot needs root; the guard is still covered by TestIsRootDir")
	}
	needGNU(t, "rm")
	for _, spelling := range []string{"/", "//", "/.", "/tmp/..", "///", "/./", "//.."} {
		// GNU's answer for this spelling, with the refusal made explicit.
		g := runGNU(t, t.TempDir(), "rm", []string{"-rf", "--preserve-root", spelling}, "")
		jail := t.TempDir()
		canary := filepath.Join(jail, "canary")
		write(t, canary, "still here", 0o644, old)
		os.Mkdir(filepath.Join(jail, "tmp"), 0o755)
		cmd := exec.Command(os.Args[0], "-test.run=^TestRmRefusesRootInChroot$")
		// atexit_sleep_ms=0: a -race binary otherwise idles 1s before exiting.
		cmd.Env = append(os.Environ(), "RM_ROOT_CHILD="+jail, "RM_ROOT_ARG="+spelling, "GORACE=atexit_sleep_ms=0")
		out, err := cmd.CombinedOutput()
		if _, serr := os.Stat(canary); serr != nil {
			t.Fatalf("rm -rf %s removed the canary: the root guard failed (%v)\n%s", spelling, serr, out)
		}
		want := g.stderr + fmt.Sprintf("exit=%d\n", g.code)
		if g.code != 1 || string(out) != want {
			t.Errorf("rm -rf %s: want (as GNU)\n%s\ngot err=%v\n%s", spelling, want, err, out)
		}
	}
}

func rmRootChild() {
	if err := syscall.Chroot(os.Getenv("RM_ROOT_CHILD")); err != nil {
		os.Stderr.WriteString("chroot: " + err.Error() + "\n")
		os.Exit(3)
	}
	if err := os.Chdir("/"); err != nil {
		os.Exit(3)
	}
	var errb bytes.Buffer
	code := Rm([]string{"-rf", os.Getenv("RM_ROOT_ARG")}, nil, os.Stdout, &errb)
	os.Stdout.WriteString(errb.String())
	fmt.Printf("exit=%d\n", code)
	os.Exit(0)
}

func TestIsRootDir(t *testing.T) {
	for name, want := range map[string]bool{"/": true, "//": true, "/usr/..": true, t.TempDir(): false, ".": false} {
		if got := isRootDir(name); got != want {
			t.Errorf("isRootDir(%q) = %v, want %v", name, got, want)
		}
	}
	for name, want := range map[string]string{"d/..": "..", "d/../": "..", ".": ".", "a/b": "b", "/": ""} {
		if got := lastComponent(name); got != want {
			t.Errorf("lastComponent(%q) = %q, want %q", name, got, want)
		}
	}
}

// mv onto an existing file replaces it in one rename: the old content is
// gone, the new content is complete, nothing else is left behind.
func TestMvReplacesAtomically(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "new"), "new content\n", 0o644, old)
	write(t, filepath.Join(dir, "target"), "old content\n", 0o644, old)
	if r := runOurs(t, dir, "mv", []string{"new", "target"}, ""); r.code != 0 {
		t.Fatalf("mv: %v", r)
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 || ents[0].Name() != "target" {
		t.Errorf("directory holds %v, want only target", ents)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "target")); string(b) != "new content\n" {
		t.Errorf("target = %q", b)
	}
}

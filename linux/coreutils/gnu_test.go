package coreutils

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// result is what a command did: its output and exit status.
type result struct {
	stdout, stderr string
	code           int
}

func (r result) String() string {
	return fmt.Sprintf("exit %d\n--- stdout ---\n%s--- stderr ---\n%s", r.code, r.stdout, r.stderr)
}

// debPackage names the Debian package that ships each GNU tool.
var debPackage = map[string]string{"grep": "grep"}

// needGNU finds the real tool or skips (fails under CLOUDGO_REQUIRE_SERVICES=1).
func needGNU(t *testing.T, tool string) string {
	t.Helper()
	p, err := exec.LookPath(tool)
	if err != nil {
		pkg := debPackage[tool]
		if pkg == "" {
			pkg = "coreutils"
		}
		msg := fmt.Sprintf("GNU %s not found (apt-get install %s): %v", tool, pkg, err)
		if os.Getenv("CLOUDGO_REQUIRE_SERVICES") == "1" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return p
}

// runGNU runs the real tool in dir under LC_ALL=C, so messages, sorting
// and quoting are the plain C-locale ones our implementation reproduces.
func runGNU(t *testing.T, dir, tool string, args []string, stdin string) result {
	t.Helper()
	needGNU(t, tool)
	cmd := exec.Command(tool, args...) // argv[0] "tool", so messages start "tool:"
	cmd.Dir = dir
	cmd.Env = append(cleanEnv(), "LC_ALL=C", "PWD="+dir)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("run GNU %s: %v", tool, err)
	}
	return result{out.String(), errb.String(), code}
}

// cleanEnv drops variables that change GNU output formats (block sizes,
// quoting, POSIX mode); our tools ignore them, so the comparison would not
// be like for like. Even an empty POSIXLY_CORRECT switches ls to 512-byte blocks.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "POSIXLY_CORRECT", "BLOCK_SIZE", "BLOCKSIZE", "LS_BLOCK_SIZE", "QUOTING_STYLE",
			"TIME_STYLE", "LS_COLORS", "GREP_COLOR", "GREP_COLORS", "COLUMNS", "PWD":
			continue
		}
		env = append(env, kv)
	}
	return env
}

// runOurs runs our implementation in-process with dir as working directory.
func runOurs(t *testing.T, dir, tool string, args []string, stdin string) result {
	t.Helper()
	t.Chdir(dir)
	var out, errb bytes.Buffer
	code := Tools[tool](args, strings.NewReader(stdin), &out, &errb)
	return result{out.String(), errb.String(), code}
}

// tree builders: each creates the same files under root, with fixed
// times so ls -l output is identical in two copies.
type builder func(t *testing.T, root string)

var (
	old    = time.Date(2021, 3, 4, 5, 6, 7, 0, time.Local)
	recent = time.Now().Add(-2 * time.Hour).Truncate(time.Second)
)

func write(t *testing.T, path, content string, perm fs.FileMode, mtime time.Time) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), perm); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, perm); err != nil { // WriteFile's perm is cut by the umask
		t.Fatal(err)
	}
	if err := os.Chtimes(path, mtime, mtime); err != nil {
		t.Fatal(err)
	}
}

// sampleTree is a small project-like tree with hidden files, a symlink,
// nested directories, files of several sizes and lines with and without
// a final newline.
func sampleTree(t *testing.T, root string) {
	write(t, filepath.Join(root, "a.txt"), "alpha\nBeta\ngamma alpha\n\ndelta\n", 0o644, old)
	write(t, filepath.Join(root, "b.log"), "ERROR disk full\ninfo ok\nerror again\nWARN x\nlast line no newline", 0o600, recent)
	write(t, filepath.Join(root, ".hidden"), "secret alpha\n", 0o640, recent)
	write(t, filepath.Join(root, "run.sh"), "#!/bin/sh\necho hi\n", 0o755, old)
	write(t, filepath.Join(root, "big.bin"), strings.Repeat("0123456789abcdef", 1000)+"\n", 0o644, old)
	write(t, filepath.Join(root, "sub", "c.txt"), "alpha in sub\nnothing\n", 0o644, recent)
	write(t, filepath.Join(root, "sub", "deep", "d.txt"), "Alpha upper\n", 0o644, old)
	write(t, filepath.Join(root, "sub", "empty"), "", 0o644, old)
	write(t, filepath.Join(root, "with space.txt"), "space alpha\n", 0o644, old)
	if err := os.Symlink("a.txt", filepath.Join(root, "link")); err != nil {
		t.Fatal(err)
	}
	os.Chmod(filepath.Join(root, "sub", "deep"), 0o750)
	for _, d := range []string{"sub/deep", "sub", "."} {
		if err := os.Chtimes(filepath.Join(root, d), old, old); err != nil {
			t.Fatal(err)
		}
	}
}

// snapshot describes a tree (types, modes, contents, link targets) so the
// effects of two runs can be compared.
func snapshot(t *testing.T, root string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(root, p)
		if err != nil && d != nil && errors.Is(err, fs.ErrPermission) {
			fmt.Fprintf(&b, "%s unreadable\n", rel) // its entries are compared no further
			return nil
		}
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "%s %s", rel, modeString(fi.Mode()))
		switch {
		case fi.Mode().IsRegular():
			data, _ := os.ReadFile(p)
			fmt.Fprintf(&b, " %x", sha256.Sum256(data))
		case fi.Mode()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			fmt.Fprintf(&b, " -> %s", target)
		}
		b.WriteByte('\n')
		return nil
	})
	if err != nil {
		t.Fatalf("snapshot %s: %v", root, err)
	}
	return b.String()
}

type gnuCase struct {
	tool  string
	args  []string
	stdin string
	// unordered: GNU's rm -r and grep -r visit entries in readdir order
	// (fts, unsorted), ours sorted; compare their lines as sets.
	unordered bool
}

func (c gnuCase) name() string { return c.tool + " " + strings.Join(c.args, " ") }

// compareWithGNU builds the same tree twice, runs GNU in one and ours in
// the other, and requires equal stdout, stderr, exit status and
// resulting tree. It returns both results for extra checks.
func compareWithGNU(t *testing.T, build builder, c gnuCase) (gnu, ours result) {
	t.Helper()
	base := t.TempDir()
	gdir, odir := filepath.Join(base, "g"), filepath.Join(base, "o")
	for _, d := range []string{gdir, odir} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
		build(t, d)
	}
	// The shared parent's mtime is what "ls -la" shows for "..": fix it.
	os.Chtimes(base, old, old)
	gnu = runGNU(t, gdir, c.tool, c.args, c.stdin)
	ours = runOurs(t, odir, c.tool, c.args, c.stdin)
	g, o := gnu, ours
	if c.unordered {
		g.stdout, g.stderr = sortLines(g.stdout), sortLines(g.stderr)
		o.stdout, o.stderr = sortLines(o.stdout), sortLines(o.stderr)
	}
	if g != o {
		t.Errorf("%s: output differs\nGNU: %v\nours: %v", c.name(), gnu, ours)
	}
	if g, o := snapshot(t, gdir), snapshot(t, odir); g != o {
		t.Errorf("%s: resulting trees differ\nGNU:\n%s\nours:\n%s", c.name(), g, o)
	}
	return gnu, ours
}

func TestReadOnlyToolsMatchGNU(t *testing.T) {
	cases := []gnuCase{
		{tool: "ls"},
		{tool: "ls", args: []string{"-a"}},
		{tool: "ls", args: []string{"-l"}},
		{tool: "ls", args: []string{"-la"}},
		{tool: "ls", args: []string{"-lh"}},
		{tool: "ls", args: []string{"-l", "-a", "-h", "sub"}},
		{tool: "ls", args: []string{"sub", "a.txt", "sub/deep", "link"}},
		{tool: "ls", args: []string{"-l", "link", "run.sh", "big.bin"}},
		{tool: "ls", args: []string{"missing", "a.txt"}},
		{tool: "ls", args: []string{"-z"}},
		{tool: "cat", args: []string{"a.txt", "b.log", "sub/c.txt"}},
		{tool: "cat", args: []string{"-n", "a.txt", "b.log", "sub/c.txt"}},
		{tool: "cat", args: []string{"-n", "-"}, stdin: "x\n\ny"},
		{tool: "cat", args: []string{"a.txt", "missing", "sub"}},
		{tool: "cat", args: []string{"-z"}},
		{tool: "grep", args: []string{"alpha", "a.txt"}},
		{tool: "grep", args: []string{"-n", "alpha", "a.txt", "sub/c.txt", "with space.txt"}},
		{tool: "grep", args: []string{"-i", "-n", "error", "b.log"}},
		{tool: "grep", args: []string{"-v", "alpha", "a.txt"}},
		{tool: "grep", args: []string{"-vn", "e", "b.log"}},
		{tool: "grep", args: []string{"-c", "a", "a.txt", "b.log", "sub/empty"}},
		{tool: "grep", args: []string{"-ic", "ALPHA", "a.txt"}},
		{tool: "grep", args: []string{"-n", "line", "b.log"}},
		{tool: "grep", args: []string{"^[A-Z]\\+ ", "b.log"}},
		{tool: "grep", args: []string{"-E", "^(ERROR|WARN) [a-z]+$", "b.log"}},
		{tool: "grep", args: []string{"a\\(l\\|e\\)", "a.txt"}},
		{tool: "grep", args: []string{"-F", "a.t", "a.txt"}},
		{tool: "grep", args: []string{"zzz", "a.txt"}},
		{tool: "grep", args: []string{"alpha", "missing", "a.txt"}},
		{tool: "grep", args: []string{"alpha", "sub"}},
		{tool: "grep", args: []string{"-r", "alpha", "run.sh"}},
		{tool: "grep", args: []string{"-n", "x"}, stdin: "a\nx1\nb\nx2"},
		{tool: "grep", args: []string{"-q", "alpha", "a.txt"}},
		{tool: "wc", args: []string{"a.txt"}},
		{tool: "wc", args: []string{"a.txt", "b.log", "big.bin", "sub/empty"}},
		{tool: "wc", args: []string{"-l", "a.txt"}},
		{tool: "wc", args: []string{"-w", "a.txt", "b.log"}},
		{tool: "wc", args: []string{"-c", "big.bin"}},
		{tool: "wc", args: []string{"-lc", "-"}, stdin: "one two\nthree\n"},
		{tool: "wc", args: []string{"a.txt", "missing"}},
		{tool: "wc", args: []string{"sub"}},
		{tool: "head", args: []string{"-n", "2", "a.txt"}},
		{tool: "head", args: []string{"-n2", "a.txt", "b.log"}},
		{tool: "head", args: []string{"-n", "100", "b.log"}},
		{tool: "head", args: []string{"-n", "x", "a.txt"}},
		{tool: "head", args: []string{"-n", "-2", "a.txt", "b.log"}},
		{tool: "head", args: []string{"-n", "-100", "a.txt"}},
		{tool: "head", args: []string{"-n", "-0", "b.log"}},
		{tool: "head", args: []string{"missing"}},
		{tool: "tail", args: []string{"-n", "2", "a.txt"}},
		{tool: "tail", args: []string{"-n", "2", "b.log"}},
		{tool: "tail", args: []string{"-n", "+3", "a.txt"}},
		{tool: "tail", args: []string{"a.txt", "b.log"}},
		{tool: "tail", args: []string{"-n", "3", "-"}, stdin: "1\n2\n3\n4\n5"},
		{tool: "tail", args: []string{"-n", "1", "big.bin"}},
	}
	for _, c := range cases {
		t.Run(c.name(), func(t *testing.T) { compareWithGNU(t, sampleTree, c) })
	}
}

// grep -r walks directories in readdir order (GNU uses fts unsorted),
// which differs between runs and file systems; we walk sorted. The set
// of lines is what must agree, so compare sorted lines.
func TestGrepRecursiveMatchesGNUAsSet(t *testing.T) {
	for _, args := range [][]string{
		{"-r", "alpha"},
		{"-rn", "alpha", "."},
		{"-ri", "alpha", "sub", "a.txt"},
		{"-rc", "a", "sub"},
		{"-rv", "a", "./sub"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			base := t.TempDir()
			gdir, odir := filepath.Join(base, "g"), filepath.Join(base, "o")
			sampleTree(t, gdir)
			sampleTree(t, odir)
			g := runGNU(t, gdir, "grep", args, "")
			o := runOurs(t, odir, "grep", args, "")
			if g.code != o.code || g.stderr != o.stderr || sortLines(g.stdout) != sortLines(o.stdout) {
				t.Errorf("grep %v differs\nGNU: %v\nours: %v", args, g, o)
			}
			if o.stdout == "" {
				t.Errorf("grep %v found nothing; the tree has matches", args)
			}
		})
	}
}

func sortLines(s string) string {
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

func TestMutatingToolsMatchGNU(t *testing.T) {
	cases := []gnuCase{
		{tool: "mkdir", args: []string{"new"}},
		{tool: "mkdir", args: []string{"-p", "x/y/z", "sub/deep"}},
		{tool: "mkdir", args: []string{"sub"}},
		{tool: "mkdir", args: []string{"-p", "a.txt/inner"}},
		{tool: "mkdir", args: []string{"nope/inner"}},
		{tool: "mkdir"},
		{tool: "mv", args: []string{"a.txt", "renamed.txt"}},
		{tool: "mv", args: []string{"a.txt", "b.log"}}, // replaces b.log, as GNU does
		{tool: "mv", args: []string{"a.txt", "run.sh", "sub"}},
		{tool: "mv", args: []string{"sub", "moved"}},
		{tool: "mv", args: []string{"sub", "a.txt"}},
		{tool: "mv", args: []string{"a.txt", "sub/deep"}},
		{tool: "mv", args: []string{"-n", "a.txt", "b.log"}},
		{tool: "mv", args: []string{"a.txt", "a.txt"}},
		{tool: "mv", args: []string{"sub", "sub/deep/x"}},
		{tool: "mv", args: []string{"missing", "x"}},
		{tool: "mv", args: []string{"a.txt", "b.log", "run.sh"}},
		{tool: "mv", args: []string{"a.txt"}},
		{tool: "mv", args: []string{"link", "link2"}},
		{tool: "rm", args: []string{"a.txt", "link"}},
		{tool: "rm", args: []string{"sub"}},
		{tool: "rm", args: []string{"-r", "sub"}},
		{tool: "rm", args: []string{"-rf", "sub", "missing"}},
		{tool: "rm", args: []string{"missing"}},
		{tool: "rm", args: []string{"-f", "missing"}},
		{tool: "rm"},
		{tool: "rm", args: []string{"-f"}},
		{tool: "rm", args: []string{"-r", "."}},
		{tool: "rm", args: []string{"-rf", "sub/.."}},
		{tool: "rm", args: []string{"-rf", "sub/deep/.", "a.txt"}},
		{tool: "rm", args: []string{"-r", "./sub"}},
		{tool: "touch", args: []string{"fresh", "a.txt"}},
		{tool: "touch", args: []string{"-c", "nothere"}},
		{tool: "touch", args: []string{"nodir/x"}},
		{tool: "chmod", args: []string{"755", "a.txt"}},
		{tool: "chmod", args: []string{"u+rwx", "a.txt", "b.log"}},
		{tool: "chmod", args: []string{"g=rx", "a.txt", "b.log", "run.sh"}},
		{tool: "chmod", args: []string{"o=", "a.txt", "run.sh"}},
		{tool: "chmod", args: []string{"a+x", "a.txt", "b.log"}},
		{tool: "chmod", args: []string{"+x", "b.log"}}, // umask applies without who
		{tool: "chmod", args: []string{"u=rw,go=r", "run.sh"}},
		{tool: "chmod", args: []string{"g+u", "b.log", "run.sh"}},
		{tool: "chmod", args: []string{"a-x,u+X", "run.sh", "sub"}},
		{tool: "chmod", args: []string{"-R", "go-rwx", "sub"}},
		{tool: "chmod", args: []string{"-x", "run.sh"}},
		{tool: "chmod", args: []string{"-w", "a.txt"}},
		{tool: "chmod", args: []string{"4755", "run.sh"}},
		{tool: "chmod", args: []string{"u+s,g+s,+t", "run.sh", "sub"}},
		{tool: "chmod", args: []string{"644", "missing", "a.txt"}},
		{tool: "chmod", args: []string{"99", "a.txt"}},
		{tool: "chmod", args: []string{"u+q", "a.txt"}},
		{tool: "chmod", args: []string{"u", "a.txt"}},
		{tool: "chmod", args: []string{"755"}},
		{tool: "chmod"},
	}
	for _, c := range cases {
		t.Run(c.name(), func(t *testing.T) { compareWithGNU(t, sampleTree, c) })
	}
}

// "chmod -w" on a group/other-writable file: the umask keeps go+w, and
// GNU warns. Set a known umask so the warning is deterministic.
func TestChmodUmaskSurpriseMatchesGNU(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	g, o := compareWithGNU(t, func(t *testing.T, root string) {
		write(t, filepath.Join(root, "f"), "x", 0o666, recent)
	}, gnuCase{tool: "chmod", args: []string{"-w", "f"}})
	if o.code != 1 || !strings.Contains(o.stderr, "new permissions are r--rw-rw-, not r--r--r--") {
		t.Errorf("want umask warning, got %v (GNU %v)", o, g)
	}
}

// pwd prints where it runs, so both run in the same directory; reached
// through a symlink, -P (the default) resolves it and -L keeps $PWD.
func TestPwdMatchesGNU(t *testing.T) {
	base := t.TempDir()
	real := filepath.Join(base, "real")
	if err := os.Mkdir(real, 0o755); err != nil {
		t.Fatal(err)
	}
	via := filepath.Join(base, "via")
	if err := os.Symlink(real, via); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{nil, {"-P"}, {"-L"}} {
		g := runGNU(t, via, "pwd", args, "")
		t.Setenv("PWD", via)
		o := runOurs(t, via, "pwd", args, "")
		if g != o {
			t.Errorf("pwd %v: GNU %v, ours %v", args, g, o)
		}
	}
	if g := runGNU(t, via, "pwd", nil, ""); strings.TrimSpace(g.stdout) == via {
		t.Errorf("default pwd should resolve the symlink, got %q", g.stdout)
	}
}

func TestTouchSetsTimeToNow(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "f"), "keep", 0o644, old)
	before := time.Now().Add(-time.Second)
	if r := runOurs(t, dir, "touch", []string{"f", "new"}, ""); r.code != 0 {
		t.Fatalf("touch: %v", r)
	}
	for _, n := range []string{"f", "new"} {
		fi, err := os.Stat(filepath.Join(dir, n))
		if err != nil || fi.ModTime().Before(before) {
			t.Errorf("%s: mtime %v, want >= %v (err %v)", n, fi.ModTime(), before, err)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "f")); string(b) != "keep" {
		t.Errorf("touch changed content to %q", b)
	}
}

// Errors root also gets, so these run in CI as root too.
func TestRootProofErrorsMatchGNU(t *testing.T) {
	for _, c := range []gnuCase{
		{tool: "rm", args: []string{"/proc/version"}},         // EPERM even for root
		{tool: "cat", args: []string{"/proc/self/mem"}},       // EIO: offset 0 is unmapped
		{tool: "touch", args: []string{"/proc/no-such-file"}}, // procfs cannot create
	} {
		t.Run(c.name(), func(t *testing.T) {
			if _, err := os.Stat("/proc/version"); err != nil {
				t.Skip("no /proc here")
			}
			g, o := compareWithGNU(t, func(*testing.T, string) {}, c)
			if o.code == 0 {
				t.Errorf("expected failure, got %v (GNU %v)", o, g)
			}
		})
	}
}

// Permission denied needs a non-root user: root bypasses mode bits. As
// root (CI), the test re-runs itself in a child with uid and gid 65534
// (nobody), so these cases run there too.
func TestPermissionDeniedMatchesGNU(t *testing.T) {
	if os.Geteuid() == 0 {
		runAsNobody(t, "TestPermissionDeniedMatchesGNU")
		return
	}
	locked := func(t *testing.T, root string) {
		sampleTree(t, root)
		write(t, filepath.Join(root, "secret"), "x\n", 0o000, old)
		write(t, filepath.Join(root, "closed", "inner", "f"), "x\n", 0o644, old)
		os.Chmod(filepath.Join(root, "closed", "inner"), 0o000) // cannot be listed
		os.Chmod(filepath.Join(root, "sub"), 0o555)             // entries cannot be removed
		t.Cleanup(func() {
			os.Chmod(filepath.Join(root, "sub"), 0o755)
			os.Chmod(filepath.Join(root, "closed", "inner"), 0o755)
		})
	}
	for _, c := range []gnuCase{
		{tool: "cat", args: []string{"secret"}},
		{tool: "grep", args: []string{"x", "secret", "a.txt"}},
		{tool: "wc", args: []string{"secret"}},
		{tool: "rm", args: []string{"sub/c.txt"}},
		{tool: "rm", args: []string{"-rf", "sub"}, unordered: true},
		{tool: "rm", args: []string{"-r", "closed"}},
		{tool: "ls", args: []string{"closed/inner"}},
		{tool: "mkdir", args: []string{"sub/new"}},
		{tool: "touch", args: []string{"sub/new"}},
		{tool: "mv", args: []string{"sub/c.txt", "x"}},
	} {
		t.Run(c.name(), func(t *testing.T) { compareWithGNU(t, locked, c) })
	}
}

// runAsNobody re-runs the test binary with only the test named run, as
// uid/gid 65534 with no supplementary groups, and fails if it fails. The
// binary is copied first: go test builds it in a directory only root may
// enter.
func runAsNobody(t *testing.T, run string) {
	t.Helper()
	dir, err := os.MkdirTemp("", "as-nobody-") // not t.TempDir: its parent is private to root
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	exe := filepath.Join(dir, "coreutils.test")
	data, err := os.ReadFile(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(exe, data, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run=^"+run+"$", "-test.count=1", "-test.v")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GORACE=atexit_sleep_ms=0", "TMPDIR=/tmp")
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	switch {
	case err != nil:
		t.Fatalf("as uid 65534: %v\n%s", err, out)
	case !bytes.Contains(out, []byte("--- PASS: "+run)):
		t.Fatalf("as uid 65534 the test did not pass (skipped?):\n%s", out)
	}
	t.Logf("ran as uid 65534:\n%s", out)
}

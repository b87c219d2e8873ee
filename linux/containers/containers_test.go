package containers_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"example.com/cloudgo/linux/containers"
)

// requireRoot skips a test that needs root (namespaces, pivot_root, cgroups),
// and fails it instead under CLOUDGO_REQUIRE_SERVICES=1 (CI runs as root).
func requireRoot(t *testing.T) {
	t.Helper()
	if os.Geteuid() == 0 {
		return
	}
	msg := "needs root (namespaces, pivot_root, cgroups): sudo go test ./containers/..."
	if os.Getenv("CLOUDGO_REQUIRE_SERVICES") == "1" {
		t.Fatal("CLOUDGO_REQUIRE_SERVICES=1: " + msg)
	}
	t.Skip(msg)
}

var (
	buildOnce sync.Once
	boxBin    string
	buildErr  error
)

// box builds the example program statically (CGO_ENABLED=0): it is both the
// container's init and, copied into the root file system, /bin/box.
func box(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "containers-test-")
		if err != nil {
			buildErr = err
			return
		}
		boxBin = filepath.Join(dir, "container")
		cmd := exec.Command("go", "build", "-o", boxBin, "./cmd/container")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = errors.New(err.Error() + "\n" + string(out))
		}
	})
	if buildErr != nil {
		t.Fatalf("go build ./cmd/container: %v", buildErr)
	}
	return boxBin
}

func TestMain(m *testing.M) {
	code := m.Run()
	if boxBin != "" {
		os.RemoveAll(filepath.Dir(boxBin))
	}
	os.Exit(code)
}

// run runs args in a fresh root file system with the limits l.
func run(t *testing.T, hostname string, l containers.Limits, args ...string) (containers.Result, string) {
	t.Helper()
	requireRoot(t)
	bin := box(t)
	rootfs := t.TempDir()
	if err := containers.MakeRootfs(rootfs, bin); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var out bytes.Buffer
	res, err := containers.Run(ctx, containers.Config{
		Args: args, Rootfs: rootfs, Hostname: hostname, Limits: l, Init: bin,
		Stdout: &out, Stderr: &out,
	})
	if err != nil {
		t.Fatalf("Run %q: %v\n%s", args, err, out.String())
	}
	// Nothing left behind: the cgroup is gone, and the host's mount table never
	// saw the container's mounts.
	for _, d := range []string{res.Cgroup.Mem, res.Cgroup.CPU} {
		if _, err := os.Stat(d); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("cgroup %s still there (%v)", d, err)
		}
	}
	if mi, err := os.ReadFile("/proc/self/mountinfo"); err != nil || bytes.Contains(mi, []byte(rootfs)) {
		t.Errorf("host mount table mentions %s (%v)", rootfs, err)
	}
	return res, out.String()
}

func TestNamespacesAndPrivateRoot(t *testing.T) {
	host, _ := os.Hostname()
	res, out := run(t, "box-test", containers.Limits{}, "box", "info")
	for _, want := range []string{
		"hostname: box-test\n",        // UTS namespace
		"pid: 1\n",                    // PID namespace: the command is PID 1
		"processes in /proc: 1 (1)\n", // /proc of the new PID namespace lists only it
		"network interfaces: lo\n",    // network namespace: loopback only
		"/ holds: bin etc proc tmp\n", // pivot_root: the host's root is gone
	} {
		if !strings.Contains(out, want) {
			t.Errorf("inside the container: no %q in\n%s", want, out)
		}
	}
	if res.ExitCode != 0 || res.HostPID <= 1 {
		t.Errorf("exit %d, host pid %d: want 0 and the host's own number", res.ExitCode, res.HostPID)
	}
	if now, _ := os.Hostname(); now != host || host == "box-test" {
		t.Errorf("host's hostname %q, was %q: the container must not change it", now, host)
	}
}

func TestMemoryLimitKills(t *testing.T) {
	limit := containers.Limits{MemoryBytes: 32 << 20}
	// Under the limit: fine. So it is the limit, not the program, that kills below.
	res, out := run(t, "box", limit, "box", "alloc", "-mib", "8")
	if res.ExitCode != 0 || res.OOMKills != 0 || !strings.Contains(out, "allocated 8 MiB") {
		t.Fatalf("8 MiB under a 32 MiB limit: exit %d, oom kills %d\n%s", res.ExitCode, res.OOMKills, out)
	}
	res, out = run(t, "box", limit, "box", "alloc", "-mib", "256")
	if res.Signal != syscall.SIGKILL || res.OOMKills < 1 || strings.Contains(out, "allocated 256 MiB") {
		t.Fatalf("256 MiB under a 32 MiB limit: signal %v, oom kills %d, want SIGKILL by the OOM killer\n%s", res.Signal, res.OOMKills, out)
	}
	t.Logf("cgroup v%d: %s", res.Cgroup.Version, strings.TrimSpace(out))
}

func TestCPUQuotaThrottles(t *testing.T) {
	res, out := run(t, "box", containers.Limits{CPUs: 0.1}, "box", "burn", "-for", "500ms")
	if res.ExitCode != 0 || res.Throttled < 1 {
		t.Fatalf("a busy loop under 0.1 CPU: exit %d, throttled in %d periods, want some\n%s", res.ExitCode, res.Throttled, out)
	}
	t.Logf("cgroup v%d: throttled in %d periods: %s", res.Cgroup.Version, res.Throttled, strings.TrimSpace(out))
	res, out = run(t, "box", containers.Limits{}, "box", "burn", "-for", "200ms")
	if res.ExitCode != 0 || res.Throttled != 0 {
		t.Fatalf("without a quota: exit %d, throttled in %d periods, want none\n%s", res.ExitCode, res.Throttled, out)
	}
}

// TestProgram runs the built program as a reader does: it makes its own root
// file system from itself, and says in one line what killed the command.
func TestProgram(t *testing.T) {
	requireRoot(t)
	bin := box(t)
	for _, c := range []struct {
		args       []string
		code       int
		out, error string
	}{
		{nil, 0, "hostname: box\npid: 1\n", ""},
		{[]string{"-memory-mib", "32", "box", "alloc", "-mib", "256"}, 1, "oom kills 1", "container: box alloc -mib 256: killed by SIGKILL: out of memory (the cgroup's limit is 32 MiB)\n"},
		{[]string{"nosuch"}, 1, "", "exec /bin/nosuch: no such file or directory"},
	} {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		cmd := exec.CommandContext(ctx, bin, c.args...)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		cmd.Run()
		cancel()
		if cmd.ProcessState.ExitCode() != c.code || !strings.Contains(stdout.String(), c.out) || !strings.Contains(stderr.String(), c.error) {
			t.Errorf("container %q: exit %d\nstdout: %s\nstderr: %s\nwant exit %d, %q, %q", c.args, cmd.ProcessState.ExitCode(), stdout.String(), stderr.String(), c.code, c.out, c.error)
		}
	}
}

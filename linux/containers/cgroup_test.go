package containers

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The files each cgroup version is configured through, on fake trees (so this
// runs without root, and on machines with the other version).
func TestCgroupFiles(t *testing.T) {
	for _, c := range []struct {
		version int
		layout  []string // files that make root look like a mounted cgroup tree
		want    map[string]string
	}{
		{2, []string{"cgroup.controllers", "cgroup.subtree_control", "c/memory.swap.max"}, map[string]string{
			"cgroup.subtree_control": "+memory +cpu",
			"c/memory.max":           "33554432",
			"c/memory.swap.max":      "0",
			"c/cpu.max":              "50000 100000",
		}},
		{1, []string{"memory/memory.limit_in_bytes", "cpu/cpu.cfs_quota_us", "memory/c/memory.memsw.limit_in_bytes"}, map[string]string{
			"memory/c/memory.limit_in_bytes":       "33554432",
			"memory/c/memory.memsw.limit_in_bytes": "33554432",
			"cpu/c/cpu.cfs_period_us":              "100000",
			"cpu/c/cpu.cfs_quota_us":               "50000",
		}},
	} {
		root := t.TempDir()
		for _, f := range c.layout {
			os.MkdirAll(filepath.Join(root, filepath.Dir(f)), 0o755)
			os.WriteFile(filepath.Join(root, f), nil, 0o644)
		}
		cg, err := NewCgroup(root, "c", Limits{MemoryBytes: 32 << 20, CPUs: 0.5})
		if err != nil {
			t.Fatalf("v%d: %v", c.version, err)
		}
		if cg.Version != c.version {
			t.Errorf("detected v%d, want v%d", cg.Version, c.version)
		}
		for f, want := range c.want {
			if b, err := os.ReadFile(filepath.Join(root, f)); err != nil || string(b) != want {
				t.Errorf("v%d: %s = %q (%v), want %q", c.version, f, b, err, want)
			}
		}
	}
}

func TestCgroupCounters(t *testing.T) {
	root := t.TempDir()
	os.WriteFile(filepath.Join(root, "cgroup.controllers"), nil, 0o644)
	cg := &Cgroup{Version: 2, Mem: root, CPU: root}
	os.WriteFile(filepath.Join(root, "memory.events"), []byte("low 0\nhigh 0\nmax 12\noom 1\noom_kill 1\n"), 0o644)
	os.WriteFile(filepath.Join(root, "cpu.stat"), []byte("usage_usec 5\nnr_periods 10\nnr_throttled 7\nthrottled_usec 9\n"), 0o644)
	if n, err := cg.OOMKills(); n != 1 || err != nil {
		t.Errorf("OOMKills = %d, %v; want 1", n, err)
	}
	if n, err := cg.Throttled(); n != 7 || err != nil {
		t.Errorf("Throttled = %d, %v; want 7", n, err)
	}
}

func TestNoCgroupMounted(t *testing.T) {
	if _, err := Version(t.TempDir()); err == nil || !strings.Contains(err.Error(), "no cgroup v2") {
		t.Errorf("empty dir: %v, want an error naming what is missing", err)
	}
}

package containers

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Limits are what the container may use. Zero means no limit.
type Limits struct {
	MemoryBytes int64   // RAM (and no swap on top of it)
	CPUs        float64 // CPU time per wall time: 0.5 is half of one core
}

// cpuPeriod is the scheduler period the CPU quota is measured in (100 ms, as
// Docker's --cpus uses): a quota of 50 ms per period is half a core.
const cpuPeriod = 100_000 // µs

// Cgroup is one control group holding the container's processes. With cgroup v2
// (one unified tree, every controller in one directory) it is one directory;
// with cgroup v1 (one tree per controller) it is a directory in the memory tree
// and one in the cpu tree.
type Cgroup struct {
	Version int
	Mem     string // the directory whose memory.* files limit memory
	CPU     string // the directory whose cpu.* files limit CPU (= Mem with v2)
}

// Version tells which cgroup layout is mounted at root (normally
// /sys/fs/cgroup): 2 when it is the unified hierarchy (it has cgroup.controllers),
// 1 when it holds one hierarchy per controller (memory/, cpu/).
func Version(root string) (int, error) {
	if _, err := os.Stat(filepath.Join(root, "cgroup.controllers")); err == nil {
		return 2, nil
	}
	if _, err := os.Stat(filepath.Join(root, "memory", "memory.limit_in_bytes")); err == nil {
		return 1, nil
	}
	return 0, fmt.Errorf("no cgroup v2 (%s/cgroup.controllers) nor v1 memory controller (%s/memory) mounted", root, root)
}

// NewCgroup creates the control group name under root and writes the limits.
func NewCgroup(root, name string, l Limits) (*Cgroup, error) {
	v, err := Version(root)
	if err != nil {
		return nil, err
	}
	c := &Cgroup{Version: v}
	if v == 2 {
		// Controllers a child may use are switched on in its parent.
		if err := write(filepath.Join(root, "cgroup.subtree_control"), "+memory +cpu"); err != nil {
			return nil, err
		}
		c.Mem = filepath.Join(root, name)
		c.CPU = c.Mem
	} else {
		c.Mem = filepath.Join(root, "memory", name)
		c.CPU = filepath.Join(root, "cpu", name)
	}
	for _, d := range c.dirs() {
		if err := os.MkdirAll(d, 0o755); err != nil {
			c.Remove()
			return nil, fmt.Errorf("create cgroup: %w", err)
		}
	}
	if err := c.limit(l); err != nil {
		c.Remove()
		return nil, err
	}
	return c, nil
}

func (c *Cgroup) limit(l Limits) error {
	var files [][2]string // file, value; in this order
	if l.MemoryBytes > 0 {
		m := strconv.FormatInt(l.MemoryBytes, 10)
		if c.Version == 2 {
			files = append(files, [2]string{filepath.Join(c.Mem, "memory.max"), m},
				[2]string{filepath.Join(c.Mem, "memory.swap.max"), "0"})
		} else {
			// memsw is memory+swap, and may not be set below memory itself.
			files = append(files, [2]string{filepath.Join(c.Mem, "memory.limit_in_bytes"), m},
				[2]string{filepath.Join(c.Mem, "memory.memsw.limit_in_bytes"), m})
		}
	}
	if l.CPUs > 0 {
		quota := strconv.FormatInt(int64(l.CPUs*cpuPeriod), 10)
		if c.Version == 2 {
			files = append(files, [2]string{filepath.Join(c.CPU, "cpu.max"), quota + " " + strconv.Itoa(cpuPeriod)})
		} else {
			files = append(files, [2]string{filepath.Join(c.CPU, "cpu.cfs_period_us"), strconv.Itoa(cpuPeriod)},
				[2]string{filepath.Join(c.CPU, "cpu.cfs_quota_us"), quota})
		}
	}
	for _, f := range files {
		if strings.Contains(f[0], "swap") || strings.Contains(f[0], "memsw") {
			// Only there when the kernel accounts swap.
			if _, err := os.Stat(f[0]); err != nil {
				continue
			}
		}
		if err := write(f[0], f[1]); err != nil {
			return err
		}
	}
	return nil
}

// Add moves the process pid into the group.
func (c *Cgroup) Add(pid int) error {
	for _, d := range c.dirs() {
		if err := write(filepath.Join(d, "cgroup.procs"), strconv.Itoa(pid)); err != nil {
			return err
		}
	}
	return nil
}

// OOMKills is how many processes of the group the kernel's OOM killer killed
// for exceeding the memory limit.
func (c *Cgroup) OOMKills() (int64, error) {
	if c.Version == 2 {
		return stat(filepath.Join(c.Mem, "memory.events"), "oom_kill")
	}
	return stat(filepath.Join(c.Mem, "memory.oom_control"), "oom_kill")
}

// Throttled is how many scheduler periods the group used up its CPU quota in
// and had to wait for the next (cpu.stat nr_throttled, in both versions).
func (c *Cgroup) Throttled() (int64, error) {
	return stat(filepath.Join(c.CPU, "cpu.stat"), "nr_throttled")
}

// Remove deletes the group's directories. A group can only be removed once it
// holds no process; the last one may take a moment to leave after it was reaped.
func (c *Cgroup) Remove() error {
	var errs []error
	for _, d := range c.dirs() {
		for deadline := time.Now().Add(5 * time.Second); ; {
			err := os.Remove(d)
			if err == nil || errors.Is(err, os.ErrNotExist) {
				break
			}
			if !errors.Is(err, syscall.EBUSY) || time.Now().After(deadline) {
				errs = append(errs, fmt.Errorf("remove cgroup: %w", err))
				break
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	return errors.Join(errs...)
}

func (c *Cgroup) dirs() []string {
	if c.Mem == c.CPU {
		return []string{c.Mem}
	}
	return []string{c.Mem, c.CPU}
}

func write(path, value string) error {
	if err := os.WriteFile(path, []byte(value), 0o644); err != nil {
		return fmt.Errorf("write %q to %s: %w", value, path, err)
	}
	return nil
}

// stat reads the value of key from a file of "key value" lines.
func stat(path, key string) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if k, v, ok := strings.Cut(s.Text(), " "); ok && k == key {
			return strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		}
	}
	if err := s.Err(); err != nil {
		return 0, fmt.Errorf("read %s: %w", path, err)
	}
	return 0, fmt.Errorf("%s: no %s", path, key)
}

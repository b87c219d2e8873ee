package containers

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// The box commands are what the examples run inside a container: the program
// copies itself into the root file system as /bin/box, so no download and no
// shared library is needed.

// Info prints what a process sees of its namespaces: its hostname, its PID,
// the processes /proc lists, its network interfaces and its root directory.
func Info(w io.Writer) error {
	host, err := os.Hostname()
	if err != nil {
		return err
	}
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return err
	}
	var pids []string
	for _, e := range entries {
		if _, err := strconv.Atoi(e.Name()); err == nil {
			pids = append(pids, e.Name())
		}
	}
	// /proc/net/dev lists the interfaces of the reader's network namespace.
	dev, err := os.ReadFile("/proc/net/dev")
	if err != nil {
		return err
	}
	var ifaces []string
	for _, line := range strings.Split(string(dev), "\n")[2:] {
		if name, _, ok := strings.Cut(line, ":"); ok {
			ifaces = append(ifaces, strings.TrimSpace(name))
		}
	}
	root, err := os.ReadDir("/")
	if err != nil {
		return err
	}
	var names []string
	for _, e := range root {
		names = append(names, e.Name())
	}
	fmt.Fprintf(w, "hostname: %s\npid: %d\n", host, os.Getpid())
	procs := strings.Join(pids, " ")
	if len(pids) > 10 {
		procs = strings.Join(pids[:10], " ") + " …"
	}
	fmt.Fprintf(w, "processes in /proc: %d (%s)\n", len(pids), procs)
	fmt.Fprintf(w, "network interfaces: %s\n", strings.Join(ifaces, " "))
	fmt.Fprintf(w, "/ holds: %s\n", strings.Join(names, " "))
	return nil
}

// Alloc allocates mib MiB one MiB at a time, writing to every page so the
// kernel really has to back it with memory, and reports every 16 MiB.
func Alloc(w io.Writer, mib int) {
	var keep [][]byte
	for i := 1; i <= mib; i++ {
		b := make([]byte, 1<<20)
		for j := 0; j < len(b); j += 4096 {
			b[j] = 1
		}
		keep = append(keep, b)
		if i%16 == 0 || i == mib {
			fmt.Fprintf(w, "allocated %d MiB\n", i)
		}
	}
	runtime.KeepAlive(keep)
}

// Burn keeps one core busy for d of wall time and reports the CPU time it got:
// under a CPU quota, less than d.
func Burn(w io.Writer, d time.Duration) error {
	n := 0
	for end := time.Now().Add(d); time.Now().Before(end); {
		n++
	}
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return err
	}
	cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	fmt.Fprintf(w, "busy for %v of wall time: got %v of CPU time (%.0f%%)\n", d, cpu.Round(time.Millisecond), 100*cpu.Seconds()/d.Seconds())
	return nil
}

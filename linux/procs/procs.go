// Package procs lists processes from /proc, like a tiny ps.
package procs

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// Proc is one line of a tiny ps.
type Proc struct {
	PID, PPID int
	State     string
	Comm      string
}

// List reads /proc/<pid>/stat of every process. Processes that exit while
// it looks are skipped: that is normal, not an error.
func List() ([]Proc, error) {
	ents, err := os.ReadDir("/proc")
	if err != nil {
		return nil, fmt.Errorf("read /proc: %w", err)
	}
	var out []Proc
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue // not a process directory
		}
		p, err := ReadStat(pid)
		if err != nil {
			continue // the process exited while we were looking
		}
		out = append(out, p)
	}
	return out, nil
}

// ReadStat reads /proc/<pid>/stat.
func ReadStat(pid int) (Proc, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return Proc{}, err
	}
	return parseStat(pid, string(b))
}

// parseStat splits a stat line. The command name is in parentheses and
// may itself contain spaces or ')', so split at the LAST ')'.
func parseStat(pid int, s string) (Proc, error) {
	open, close := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
	if open < 0 || close < open {
		return Proc{}, fmt.Errorf("parse /proc/%d/stat: %q", pid, s)
	}
	f := strings.Fields(s[close+1:])
	if len(f) < 2 {
		return Proc{}, fmt.Errorf("parse /proc/%d/stat: %q", pid, s)
	}
	ppid, err := strconv.Atoi(f[1])
	if err != nil {
		return Proc{}, fmt.Errorf("parse /proc/%d/stat: ppid %q: %w", pid, f[1], err)
	}
	return Proc{PID: pid, PPID: ppid, State: f[0], Comm: s[open+1 : close]}, nil
}

// Alive uses signal 0: permission and existence checks, no signal sent.
func Alive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

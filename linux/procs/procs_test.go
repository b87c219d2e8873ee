package procs

import (
	"bufio"
	"os"
	"os/exec"
	"testing"

	"example.com/cloudgo/linux/internal/needtool"
)

func TestParseStatSplitsAtTheLastParen(t *testing.T) {
	p, err := parseStat(42, "42 (a) b (c) S 7 42 42 0 -1 4194560\n")
	if err != nil || p != (Proc{PID: 42, PPID: 7, State: "S", Comm: "a) b (c"}) {
		t.Errorf("parseStat = %+v, %v", p, err)
	}
	for _, bad := range []string{"", "42 no parens", "42 (x) S", "42 (x) S notanumber"} {
		if _, err := parseStat(42, bad); err == nil {
			t.Errorf("parseStat(%q) should fail", bad)
		}
	}
}

// A live process renamed to "a) b (c" must read back with exactly that
// name: every step is checked, so the test cannot pass on a fallback. The
// kernel lets only a process rename itself (writing another's comm is
// EINVAL), so the child shell does it, says "ready", and waits on stdin.
func TestReadStatHandlesOddNames(t *testing.T) {
	needtool.Need(t, "sh")
	p, err := ReadStat(os.Getpid())
	if err != nil || p.PPID != os.Getppid() || p.Comm == "" {
		t.Fatalf("ReadStat(self) = %+v, %v", p, err)
	}
	cmd := exec.Command("sh", "-c", `printf 'a) b (c' > /proc/self/comm || exit 1; echo ready; read x`)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { stdin.Close(); cmd.Wait() }()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if line != "ready\n" {
		t.Fatalf("child did not rename itself: %q, %v", line, err)
	}
	q, err := ReadStat(cmd.Process.Pid)
	if err != nil || q.PPID != os.Getpid() || q.Comm != "a) b (c" {
		t.Fatalf("ReadStat(child) = %+v, %v; want comm %q, ppid %d", q, err, "a) b (c", os.Getpid())
	}
}

func TestListFindsThisProcess(t *testing.T) {
	ps, err := List()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		if p.PID == os.Getpid() {
			if !Alive(p.PPID) {
				t.Errorf("parent %d not alive", p.PPID)
			}
			return
		}
	}
	t.Errorf("List (%d processes) misses pid %d", len(ps), os.Getpid())
}

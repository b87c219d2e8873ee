// Package containers builds a container from the kernel's own parts, the way
// runc (the runtime under Docker, containerd and Kubernetes) does: a process
// started in new namespaces (its own hostname, PID numbers, mount table and
// network), confined to a private root filesystem with pivot_root, with /proc
// mounted for its PID namespace, and placed in a cgroup that limits its memory
// and CPU.
//
// Run re-executes a binary (normally this program itself, /proc/self/exe) as
// the container's first process; that process calls Init, which finishes the
// setup from inside the namespaces and then execs the container's command, so
// the command itself becomes PID 1.
package containers

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"
)

// InitArg is the first argument Run gives the re-executed binary: a program that
// receives it must call Init with the arguments after it.
const InitArg = "__container_init__"

// Config is what to run, and how confined.
type Config struct {
	Args       []string // the command inside; a name without a slash is looked up in /bin
	Rootfs     string   // the directory that becomes / (see MakeRootfs)
	Hostname   string
	Limits     Limits
	Init       string // the binary re-executed as the container's init; "" is /proc/self/exe
	CgroupRoot string // where the cgroup file system is mounted; "" is /sys/fs/cgroup
	Stdout     io.Writer
	Stderr     io.Writer
}

// Result is how the container ended, and what its cgroup counted.
type Result struct {
	HostPID   int            // the container's PID 1, as the host numbers it
	ExitCode  int            // -1 when killed by a signal
	Signal    syscall.Signal // the signal that killed it, or 0
	OOMKills  int64          // processes the OOM killer killed in the cgroup
	Throttled int64          // CPU periods the cgroup was throttled in
	Cgroup    Cgroup         // the (removed) cgroup's directories
}

// Run runs the container and waits for it. Its cgroup is removed before Run
// returns; its mounts vanish with its mount namespace when its last process ends.
func Run(ctx context.Context, c Config) (Result, error) {
	if len(c.Args) == 0 {
		return Result{}, errors.New("no command to run")
	}
	root, self := c.CgroupRoot, c.Init
	if root == "" {
		root = "/sys/fs/cgroup"
	}
	if self == "" {
		self = "/proc/self/exe"
	}
	cg, err := NewCgroup(root, "cloudgo-container-"+strings.ToLower(rand.Text()[:10]), c.Limits)
	if err != nil {
		return Result{}, err
	}
	res := Result{Cgroup: *cg}
	defer cg.Remove()

	// The child waits for EOF on this pipe before it does anything: only once it
	// is in its cgroup may it run the command (runc's init waits the same way).
	ready, goAhead, err := os.Pipe()
	if err != nil {
		return res, err
	}
	defer goAhead.Close()
	cmd := exec.CommandContext(ctx, self, append([]string{InitArg, c.Hostname, c.Rootfs, "--"}, c.Args...)...)
	cmd.Stdout, cmd.Stderr = c.Stdout, c.Stderr
	cmd.ExtraFiles = []*os.File{ready} // fd 3 in the child
	cmd.Env = []string{"PATH=/bin", "HOME=/"}
	cmd.SysProcAttr = &syscall.SysProcAttr{
		// clone(2) with these flags: the child starts in new namespaces.
		Cloneflags: syscall.CLONE_NEWUTS | syscall.CLONE_NEWPID | syscall.CLONE_NEWNS | syscall.CLONE_NEWNET | syscall.CLONE_NEWIPC,
		Pdeathsig:  syscall.SIGKILL, // the container dies with this program
	}
	err = cmd.Start()
	ready.Close()
	if err != nil {
		return res, fmt.Errorf("start %s in new namespaces: %w", self, err)
	}
	res.HostPID = cmd.Process.Pid
	if err := cg.Add(cmd.Process.Pid); err != nil {
		cmd.Process.Kill()
		cmd.Wait()
		return res, err
	}
	goAhead.Close()
	err = cmd.Wait()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		return res, err
	}
	ws := cmd.ProcessState.Sys().(syscall.WaitStatus)
	res.ExitCode = ws.ExitStatus()
	if ws.Signaled() {
		res.Signal = ws.Signal()
	}
	if res.OOMKills, err = cg.OOMKills(); err != nil {
		return res, err
	}
	if res.Throttled, err = cg.Throttled(); err != nil {
		return res, err
	}
	return res, cg.Remove()
}

// Init is the container's first process, already in the new namespaces (args:
// hostname, rootfs, "--", command...). It sets the hostname, pivots into the
// root filesystem, mounts /proc and execs the command. It returns only on error.
func Init(args []string) error {
	if len(args) < 4 || args[2] != "--" {
		return fmt.Errorf("init: want HOSTNAME ROOTFS -- COMMAND..., got %q", args)
	}
	hostname, rootfs, command := args[0], args[1], args[3:]
	// Wait for the parent: EOF once we are in the cgroup.
	sync := os.NewFile(3, "sync")
	if _, err := io.Copy(io.Discard, sync); err != nil {
		return fmt.Errorf("init: wait for the parent: %w", err)
	}
	sync.Close()
	if err := unix.Sethostname([]byte(hostname)); err != nil {
		return fmt.Errorf("init: sethostname: %w", err)
	}
	// The new mount namespace starts as a copy of the host's; make every mount
	// private so nothing done here propagates back to the host.
	if err := unix.Mount("", "/", "", unix.MS_REC|unix.MS_PRIVATE, ""); err != nil {
		return fmt.Errorf("init: make / private: %w", err)
	}
	// pivot_root needs the new root to be a mount point: bind it onto itself.
	if err := unix.Mount(rootfs, rootfs, "", unix.MS_BIND|unix.MS_REC, ""); err != nil {
		return fmt.Errorf("init: bind %s: %w", rootfs, err)
	}
	old := filepath.Join(rootfs, ".oldroot")
	if err := os.MkdirAll(old, 0o700); err != nil {
		return fmt.Errorf("init: %w", err)
	}
	if err := unix.PivotRoot(rootfs, old); err != nil {
		return fmt.Errorf("init: pivot_root %s: %w", rootfs, err)
	}
	if err := os.Chdir("/"); err != nil {
		return fmt.Errorf("init: %w", err)
	}
	// A proc file system of this PID namespace: it lists only our processes.
	if err := unix.Mount("proc", "/proc", "proc", unix.MS_NOSUID|unix.MS_NODEV|unix.MS_NOEXEC, ""); err != nil {
		return fmt.Errorf("init: mount /proc: %w", err)
	}
	// Detach the host's file systems: from here on, only the new root is left.
	if err := unix.Unmount("/.oldroot", unix.MNT_DETACH); err != nil {
		return fmt.Errorf("init: unmount the old root: %w", err)
	}
	os.Remove("/.oldroot")
	path := command[0]
	if !strings.Contains(path, "/") {
		path = "/bin/" + path
	}
	// exec keeps the PID: the command is PID 1 of the container.
	if err := unix.Exec(path, command, os.Environ()); err != nil {
		return fmt.Errorf("init: exec %s: %w", path, err)
	}
	return nil
}

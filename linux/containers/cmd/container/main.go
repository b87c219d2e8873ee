// Command container runs a command in a container it builds itself from Linux
// namespaces, pivot_root and a cgroup (package containers), as runc does for
// Docker. It needs root. Without -rootfs the root file system is a temporary
// directory holding this program as /bin/box; its commands `box info`,
// `box alloc` and `box burn` show what the container sees and what its limits do.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"example.com/cloudgo/linux/containers"
	"example.com/cloudgo/linux/internal/cli"
	"golang.org/x/sys/unix"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("container", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		switch args[0] { // the re-executed init, and the box commands
		case containers.InitArg:
			return containers.Init(args[1:])
		case "info":
			return containers.Info(stdout)
		case "alloc", "burn":
			return box(args, stdout, stderr)
		}
	}
	fs := flag.NewFlagSet("container", flag.ContinueOnError)
	fs.SetOutput(stderr)
	hostname := fs.String("hostname", "box", "the container's hostname")
	memory := fs.Int("memory-mib", 64, "memory limit in MiB (0: none)")
	cpus := fs.Float64("cpus", 1, "CPU limit in cores, like docker run --cpus (0: none)")
	rootfs := fs.String("rootfs", "", "root file system (default: a temporary one holding this program as /bin/box)")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	switch {
	case *memory != 0 && (*memory < 8 || *memory > 1<<20):
		return cli.Usagef("-memory-mib must be 0 or 8 to 1048576, got %d", *memory)
	case *cpus != 0 && (*cpus < 0.01 || *cpus > 1024):
		return cli.Usagef("-cpus must be 0 or 0.01 to 1024, got %g", *cpus)
	case *hostname == "" || len(*hostname) > 64:
		return cli.Usagef("-hostname must be 1 to 64 bytes, got %q", *hostname)
	}
	command := fs.Args()
	if len(command) == 0 {
		command = []string{"box", "info"}
	}
	if os.Geteuid() != 0 {
		return errors.New("needs root (namespaces, pivot_root and cgroups): run it with sudo")
	}
	if *rootfs == "" {
		dir, err := os.MkdirTemp("", "container-rootfs-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		self, err := os.Executable()
		if err != nil {
			return err
		}
		if err := containers.MakeRootfs(dir, self); err != nil {
			return fmt.Errorf("make root file system: %w", err)
		}
		*rootfs = dir
	}
	res, err := containers.Run(ctx, containers.Config{
		Args: command, Rootfs: *rootfs, Hostname: *hostname,
		Limits: containers.Limits{MemoryBytes: int64(*memory) << 20, CPUs: *cpus},
		Stdout: stdout, Stderr: stderr,
	})
	if err != nil {
		return fmt.Errorf("run %s: %w", strings.Join(command, " "), err)
	}
	cmd := strings.Join(command, " ")
	fmt.Fprintf(stdout, "cgroup v%d: oom kills %d\n", res.Cgroup.Version, res.OOMKills)
	switch {
	case res.OOMKills > 0:
		return fmt.Errorf("%s: killed by %s: out of memory (the cgroup's limit is %d MiB)", cmd, unix.SignalName(res.Signal), *memory)
	case res.Signal != 0:
		return fmt.Errorf("%s: killed by %s", cmd, unix.SignalName(res.Signal))
	case res.ExitCode != 0:
		return fmt.Errorf("%s: exited with status %d", cmd, res.ExitCode)
	}
	return nil
}

// box runs `alloc -mib N` or `burn -for D`.
func box(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("box "+args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	mib := fs.Int("mib", 256, "alloc: MiB to allocate")
	d := fs.Duration("for", time.Second, "burn: how long to keep a core busy")
	if err := cli.Parse(fs, args[1:]); err != nil {
		return err
	}
	if args[0] == "burn" {
		if *d <= 0 || *d > time.Minute {
			return cli.Usagef("-for must be above 0 and at most 1m, got %v", *d)
		}
		return containers.Burn(stdout, *d)
	}
	if *mib < 1 || *mib > 1<<20 {
		return cli.Usagef("-mib must be 1 to 1048576, got %d", *mib)
	}
	containers.Alloc(stdout, *mib)
	return nil
}

package containers

import (
	"debug/elf"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// MakeRootfs makes dir a minimal root file system: /bin/box (a copy of the
// statically linked program box), empty /proc, /tmp and /.oldroot (pivot_root's
// place for the old root), and /etc/os-release. Docker would unpack an image's
// layers here instead.
func MakeRootfs(dir, box string) error {
	if err := requireStatic(box); err != nil {
		return err
	}
	for _, d := range []string{"bin", "proc", "tmp", "etc", ".oldroot"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			return err
		}
	}
	if err := os.Chmod(filepath.Join(dir, "tmp"), 0o1777); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "etc", "os-release"), []byte("NAME=\"cloudgo box\"\n"), 0o644); err != nil {
		return err
	}
	return copyFile(filepath.Join(dir, "bin", "box"), box)
}

// requireStatic fails when path needs a dynamic loader (an ELF PT_INTERP
// header): inside the new root there is no libc to load.
func requireStatic(path string) error {
	f, err := elf.Open(path)
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			return fmt.Errorf("%s is dynamically linked: build it with CGO_ENABLED=0", path)
		}
	}
	return nil
}

func copyFile(dst, src string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

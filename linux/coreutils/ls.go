package coreutils

import (
	"bufio"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Ls lists files like GNU ls with -l (long), -a (all) and -h (human sizes),
// one name per line as GNU does when stdout is not a terminal. Names sort
// in byte order, which is what GNU uses under LC_ALL=C.
// Exit status: 0 ok, 1 minor trouble (unreadable subdirectory), 2 when a
// command-line operand cannot be accessed.
func Ls(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	o, ok := parseOpts("ls", args, "lah1", "", stderr)
	if !ok {
		return 2
	}
	l := lister{long: o.has('l'), all: o.has('a'), human: o.has('h'), now: time.Now(),
		users: map[uint32]string{}, groups: map[uint32]string{}}
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	status := 0

	names := o.operands
	if len(names) == 0 {
		names = []string{"."}
	}
	var files []entry
	var dirs []string
	for _, n := range names {
		// With -l a symlink operand is shown as a link; otherwise ls follows it.
		fi, err := os.Lstat(n)
		if err == nil && fi.Mode()&fs.ModeSymlink != 0 && !l.long {
			if t, terr := os.Stat(n); terr == nil {
				fi = t
			}
		}
		if err != nil {
			fmt.Fprintf(stderr, "ls: cannot access %s: %s\n", quote(n), errText(err))
			status = 2
			continue
		}
		if fi.IsDir() {
			dirs = append(dirs, n)
		} else {
			files = append(files, entry{name: n, path: n, info: fi})
		}
	}
	slices.SortFunc(files, func(a, b entry) int { return strings.Compare(a.name, b.name) })
	slices.Sort(dirs)

	if len(files) > 0 {
		l.print(w, files)
	}
	header := len(names) > 1
	for i, d := range dirs {
		if i > 0 || len(files) > 0 {
			fmt.Fprintln(w)
		}
		if header {
			fmt.Fprintf(w, "%s:\n", d)
		}
		ents, err := l.read(d)
		if err != nil {
			w.Flush()
			fmt.Fprintf(stderr, "ls: cannot open directory %s: %s\n", quote(d), errText(err))
			status = 2
			continue
		}
		if l.long {
			fmt.Fprintf(w, "total %s\n", l.total(ents))
		}
		l.print(w, ents)
	}
	return status
}

type entry struct {
	name, path string
	info       fs.FileInfo
}

type lister struct {
	long, all, human bool
	now              time.Time
	users, groups    map[uint32]string
}

// read returns the sorted entries of dir; with -a that includes . and ..
// which os.ReadDir never reports.
func (l *lister) read(dir string) ([]entry, error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	names, err := f.Readdirnames(-1)
	if err != nil {
		return nil, err
	}
	if l.all {
		names = append(names, ".", "..")
	}
	var out []entry
	for _, n := range names {
		if !l.all && strings.HasPrefix(n, ".") {
			continue
		}
		p := filepath.Join(dir, n)
		if n == ".." {
			p = dir + "/.."
		}
		fi, err := os.Lstat(p)
		if err != nil {
			continue // vanished between readdir and lstat
		}
		out = append(out, entry{name: n, path: p, info: fi})
	}
	slices.SortFunc(out, func(a, b entry) int { return strings.Compare(a.name, b.name) })
	return out, nil
}

// total is the "total" line of -l: allocated 512-byte blocks shown in 1K
// units (rounded up), or human-readable bytes with -h.
func (l *lister) total(ents []entry) string {
	var blocks int64
	for _, e := range ents {
		if st, ok := e.info.Sys().(*syscall.Stat_t); ok {
			blocks += st.Blocks
		}
	}
	if l.human {
		return humanSize(blocks * 512)
	}
	return strconv.FormatInt((blocks*512+1023)/1024, 10)
}

func (l *lister) print(w io.Writer, ents []entry) {
	if !l.long {
		for _, e := range ents {
			fmt.Fprintln(w, e.name)
		}
		return
	}
	// GNU aligns each column to its widest cell: numbers right, names left.
	type row struct{ mode, nlink, owner, group, size, date, name string }
	rows := make([]row, 0, len(ents))
	var wl, wo, wg, ws int
	for _, e := range ents {
		r := row{mode: modeString(e.info.Mode()), size: strconv.FormatInt(e.info.Size(), 10),
			date: l.date(e.info.ModTime()), name: e.name, nlink: "1", owner: "?", group: "?"}
		if l.human {
			r.size = humanSize(e.info.Size())
		}
		if st, ok := e.info.Sys().(*syscall.Stat_t); ok {
			r.nlink = strconv.FormatUint(uint64(st.Nlink), 10)
			r.owner = l.user(st.Uid)
			r.group = l.group(st.Gid)
		}
		if e.info.Mode()&fs.ModeSymlink != 0 {
			if t, err := os.Readlink(e.path); err == nil {
				r.name += " -> " + t
			}
		}
		wl, wo, wg, ws = max(wl, len(r.nlink)), max(wo, len(r.owner)), max(wg, len(r.group)), max(ws, len(r.size))
		rows = append(rows, r)
	}
	for _, r := range rows {
		fmt.Fprintf(w, "%s %*s %-*s %-*s %*s %s %s\n", r.mode, wl, r.nlink, wo, r.owner, wg, r.group, ws, r.size, r.date, r.name)
	}
}

// date uses GNU's two formats: recent files (within ~6 months) show the
// time of day, older or future ones show the year instead.
func (l *lister) date(t time.Time) string {
	const sixMonths = 31556952 * time.Second / 2 // half a Gregorian year, as GNU
	if t.After(l.now.Add(-sixMonths)) && !t.After(l.now) {
		return t.Format("Jan _2 15:04")
	}
	return t.Format("Jan _2  2006")
}

func (l *lister) user(uid uint32) string {
	if n, ok := l.users[uid]; ok {
		return n
	}
	n := strconv.FormatUint(uint64(uid), 10)
	if u, err := user.LookupId(n); err == nil {
		n = u.Username
	}
	l.users[uid] = n
	return n
}

func (l *lister) group(gid uint32) string {
	if n, ok := l.groups[gid]; ok {
		return n
	}
	n := strconv.FormatUint(uint64(gid), 10)
	if g, err := user.LookupGroupId(n); err == nil {
		n = g.Name
	}
	l.groups[gid] = n
	return n
}

// modeString renders "drwxr-xr-x" including setuid/setgid/sticky letters,
// which Go's FileMode.String spells differently.
func modeString(m fs.FileMode) string {
	b := []byte("-rwxrwxrwx")
	switch {
	case m.IsDir():
		b[0] = 'd'
	case m&fs.ModeSymlink != 0:
		b[0] = 'l'
	case m&fs.ModeNamedPipe != 0:
		b[0] = 'p'
	case m&fs.ModeSocket != 0:
		b[0] = 's'
	case m&fs.ModeCharDevice != 0:
		b[0] = 'c'
	case m&fs.ModeDevice != 0:
		b[0] = 'b'
	}
	for i := range 9 {
		if m&(1<<(8-i)) == 0 {
			b[i+1] = '-'
		}
	}
	special := func(set bool, pos int, lower, upper byte) {
		if !set {
			return
		}
		if b[pos] == 'x' {
			b[pos] = lower
		} else {
			b[pos] = upper
		}
	}
	special(m&fs.ModeSetuid != 0, 3, 's', 'S')
	special(m&fs.ModeSetgid != 0, 6, 's', 'S')
	special(m&fs.ModeSticky != 0, 9, 't', 'T')
	return string(b)
}

// humanSize is GNU's -h: powers of 1024, rounded up, one decimal below 10.
func humanSize(n int64) string {
	if n < 1024 {
		return strconv.FormatInt(n, 10)
	}
	v := float64(n)
	units := "KMGTPE"
	i := -1
	for v >= 1024 && i < len(units)-1 {
		v /= 1024
		i++
	}
	if v < 10 {
		v = ceilTo(v, 10)
		if v < 10 {
			return fmt.Sprintf("%.1f%c", v, units[i])
		}
	}
	v = ceilTo(v, 1)
	if v >= 1024 && i < len(units)-1 {
		return fmt.Sprintf("%.1f%c", 1.0, units[i+1])
	}
	return fmt.Sprintf("%.0f%c", v, units[i])
}

func ceilTo(v, scale float64) float64 {
	x := v * scale
	c := float64(int64(x))
	if c < x {
		c++
	}
	return c / scale
}

package coreutils

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// generatedTree builds a pseudo-random but reproducible tree: names that
// sort differently in C and other locales ("B" < "_" < "a", "10" < "9",
// a leading "-"), random modes and times, empty files, files without a
// final newline, and one line longer than grep's 256 KiB read block.
func generatedTree(seed uint64) (builder, func() []string) {
	var files []string
	build := func(t *testing.T, root string) {
		r := rand.New(rand.NewPCG(seed, 7))
		words := []string{"alpha", "Beta", "gamma", "ERROR", "error", "warn", "x", "", "  ", "tab\there"}
		names := []string{"B", "a", "_x", "-dash", "10", "9", "Zeta.txt", "zeta.txt", "a b", ".dot", "é.txt", "UPPER", "m-n", "m_n", "m.n"}
		dirs := []string{".", "d1", "d1/sub", "D2"}
		modes := []fs.FileMode{0o644, 0o600, 0o755, 0o640, 0o444, 0o700}
		files = files[:0]
		for i, name := range names {
			dir := dirs[i%len(dirs)]
			var b strings.Builder
			for range r.IntN(12) {
				for range r.IntN(6) {
					b.WriteString(words[r.IntN(len(words))])
					b.WriteByte(' ')
				}
				b.WriteByte('\n')
			}
			content := b.String()
			switch i % 5 {
			case 1:
				content = strings.TrimSuffix(content, "\n") // no final newline
			case 2:
				content = ""
			}
			if name == "UPPER" {
				content = "head\n" + strings.Repeat("long ", 70000) + "ERROR at the end\ntail\n"
			}
			when := old.Add(time.Duration(r.IntN(1000)) * time.Hour)
			if r.IntN(2) == 0 {
				when = recent.Add(-time.Duration(r.IntN(100)) * time.Minute)
			}
			p := filepath.Join(root, dir, name)
			write(t, p, content, modes[r.IntN(len(modes))], when)
			files = append(files, filepath.Join(dir, name))
		}
		for _, d := range []string{"d1/sub", "d1", "D2", "."} {
			os.Chtimes(filepath.Join(root, d), old, old)
		}
		slices.Sort(files)
	}
	return build, func() []string { return files }
}

func TestGeneratedTreesMatchGNU(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3} {
		build, list := generatedTree(seed)
		// Build once to learn the file list for the argument lists.
		build(t, t.TempDir())
		files := append([]string{"--"}, list()...)
		cases := []gnuCase{
			{tool: "ls", args: []string{"-la"}},
			{tool: "ls", args: []string{"-lah", "d1", "d1/sub", "D2"}},
			{tool: "ls", args: []string{"-a", "--", "d1", "D2/-dash", "-dash"}}, // "--": names, not options
			{tool: "cat", args: append([]string{"-n"}, files...)},
			{tool: "wc", args: files},
			{tool: "wc", args: append([]string{"-lw"}, files...)},
			{tool: "grep", args: append([]string{"-n", "ERROR"}, files...)},
			{tool: "grep", args: append([]string{"-ci", "error"}, files...)},
			{tool: "grep", args: append([]string{"-v", "-n", "a"}, files...)},
			{tool: "grep", args: append([]string{"-c", "^ *$"}, files...)},
			{tool: "grep", args: []string{"-rn", "ERROR", "."}, unordered: true},
			{tool: "head", args: append([]string{"-n", "3"}, files...)},
			{tool: "tail", args: append([]string{"-n", "2"}, files...)},
		}
		for _, c := range cases {
			t.Run(fmt.Sprintf("seed%d/%s", seed, c.tool+" "+strings.Join(c.args[:min(len(c.args), 3)], " ")), func(t *testing.T) {
				compareWithGNU(t, build, c)
			})
		}
	}
}

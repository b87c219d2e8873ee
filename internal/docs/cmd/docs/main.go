// Command docs fills the README output blocks from the last `make demo` run
// (`make docs`), or checks that they agree with it (`make docs-check`, in CI).
// See package docs for the block format and what is masked.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"strings"

	"example.com/cloudgo/internal/docs"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "docs:", err)
		}
		os.Exit(1)
	}
}

func run(_ context.Context, args []string, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("docs", flag.ContinueOnError)
	flags.SetOutput(stderr)
	root := flags.String("root", ".", "repository root")
	demoDir := flags.String("demo", ".demo", "folder of the demo logs, one <topic>.txt per topic")
	check := flags.Bool("check", false, "only compare (after masking) and fail on a difference")
	topics := flags.String("topics", "", "space-separated topics to handle (default: every topic with a demo log)")
	if err := flags.Parse(args); err != nil {
		return err
	}
	sections := map[string]string{}
	logs, _ := filepath.Glob(filepath.Join(*root, *demoDir, "*.txt"))
	ran := map[string]bool{}
	for _, l := range logs {
		b, err := os.ReadFile(l)
		if err != nil {
			return err
		}
		ran[strings.TrimSuffix(filepath.Base(l), ".txt")] = true
		for k, v := range docs.Sections(string(b)) {
			sections[k] = v
		}
	}
	want := map[string]bool{}
	for _, t := range strings.Fields(*topics) {
		if _, err := os.Stat(filepath.Join(*root, t, "demo.sh")); err != nil {
			continue // a topic without a demo has no output blocks to fill
		}
		want[t] = true
		if !ran[t] {
			return fmt.Errorf("no demo output for %s in %s: run `make demo TOPIC=%s` first", t, *demoDir, t)
		}
	}
	if len(want) == 0 && *topics != "" {
		return nil
	}
	if len(want) == 0 {
		want = ran
	}
	if len(want) == 0 {
		return fmt.Errorf("no demo output in %s: run `make demo` first", filepath.Join(*root, *demoDir))
	}

	var problems []string
	err := filepath.WalkDir(*root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(*root, path)
		topic, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
		if d.IsDir() {
			if strings.HasPrefix(d.Name(), ".") && rel != "." {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".md") || !want[topic] {
			return nil
		}
		old, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		updated, blocks, missing, err := docs.Rewrite(string(old), sections)
		if err != nil {
			return fmt.Errorf("%s: %w", rel, err)
		}
		for _, m := range missing {
			problems = append(problems, fmt.Sprintf("%s: block %q names no step of the demo run", rel, m))
		}
		_, fresh, _, _ := docs.Rewrite(updated, sections)
		changed := 0
		for i, b := range blocks {
			if docs.Mask(b.Text) != docs.Mask(fresh[i].Text) {
				changed++
				if *check {
					problems = append(problems, fmt.Sprintf("%s: block %q differs from the demo run:\n%s",
						rel, b.Name, firstDifference(docs.Mask(b.Text), docs.Mask(fresh[i].Text))))
				}
			}
		}
		if *check || updated == string(old) {
			return nil
		}
		fmt.Fprintf(stdout, "%s: %d block(s) updated\n", rel, changed)
		return os.WriteFile(path, []byte(updated), 0o644)
	})
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		return fmt.Errorf("%d problem(s); `make demo docs` regenerates the blocks:\n%s", len(problems), strings.Join(problems, "\n"))
	}
	return nil
}

// firstDifference shows the first line where the README and the run differ.
func firstDifference(readme, run string) string {
	a, b := strings.Split(readme, "\n"), strings.Split(run, "\n")
	for i := range max(len(a), len(b)) {
		var x, y string
		if i < len(a) {
			x = a[i]
		}
		if i < len(b) {
			y = b[i]
		}
		if x != y {
			return fmt.Sprintf("  line %d\n    README: %s\n    run:    %s", i+1, x, y)
		}
	}
	return ""
}

// Package site generates cloudgo's website from the repository itself: a home
// page with the topics in reading order, a page per topic (its README's intro and
// its examples) and a page per example, laid out as Go by Example does (comments
// beside the code they explain), with the output of the checked demo run.
//
// Examples are found, never listed: every main.go of package main under a topic
// folder (internal/ and testdata/ folders skipped) is one. Its output is the
// section of the demo log (`make demo`, .demo/<topic>.txt) whose heading is the
// example's path; without one the page says there is no demo output.
//
// The site is static, deterministic (same repository, same bytes) and uses
// relative links only, so it works from a file system, a static host or GitHub
// Pages.
package site

import (
	"bufio"
	"errors"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"example.com/cloudgo/internal/docs"
)

// ReadingOrder is the order of the topics; topics not in it follow, sorted.
var ReadingOrder = []string{"basics", "linux", "network", "compute", "messaging", "nosql", "search", "cache", "cloud"}

// Config says where the repository and its demo logs are.
type Config struct {
	Root string // repository root
	Demo string // folder of the demo logs (<topic>.txt); relative to Root unless absolute
	Repo string // URL prefix of source links, e.g. https://github.com/o/r/blob/main
}

// Topic is a top-level folder with a README.md.
type Topic struct {
	Name     string
	Title    string // the README's first heading
	First    string // its first paragraph (Markdown)
	Intro    string // everything before its first ## heading (Markdown)
	Examples []*Example
	Services []string // the compose services its demo needs (demo.sh: "# services: redis memcached")
	demo     string   // demo.sh
}

// Example is one program: a main.go of package main.
type Example struct {
	Topic        string
	Path         string   // e.g. network/tcp/echo/cmd/echoclient
	Rel          string   // the path in the topic folder: tcp/echo/cmd/echoclient
	Source       string   // main.go
	Synopsis     string   // the first sentence of its package comment
	Tests        []string // test files (repository paths) of the program or its library
	Commands     []string // how to run it, from the topic folder
	Output       string   // the demo section named Path
	HasDemo      bool     // whether the demo log has that section
	Step         string   // the heading of the section shown: Path, or its library's when it is the only program
	InBackground bool     // the demo runs it in the background, as a server for the others
	InStep       string   // a demo step whose heading is a parent path of the example, when it has none of its own
}

// Site is what was discovered: the topics in reading order.
type Site struct {
	Topics []*Topic
	Repo   string
}

// Examples lists every example in reading order.
func (s *Site) Examples() []*Example {
	var out []*Example
	for _, t := range s.Topics {
		out = append(out, t.Examples...)
	}
	return out
}

// Discover reads the repository: topics, examples, their sources, tests,
// commands and demo output.
func Discover(cfg Config) (*Site, error) {
	if cfg.Repo == "" {
		return nil, errors.New("no repository URL for source links")
	}
	demoDir := cfg.Demo
	if !filepath.IsAbs(demoDir) {
		demoDir = filepath.Join(cfg.Root, demoDir)
	}
	sections := map[string]string{}
	logs, err := filepath.Glob(filepath.Join(demoDir, "*.txt"))
	if err != nil {
		return nil, err
	}
	sort.Strings(logs)
	for _, l := range logs {
		b, err := os.ReadFile(l)
		if err != nil {
			return nil, err
		}
		for k, v := range docs.Sections(string(b)) {
			sections[k] = v
		}
	}

	entries, err := os.ReadDir(cfg.Root)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		n := e.Name()
		if !e.IsDir() || n == "internal" || n == "testdata" || strings.HasPrefix(n, ".") || strings.HasPrefix(n, "_") {
			continue
		}
		if _, err := os.Stat(filepath.Join(cfg.Root, n, "README.md")); err != nil {
			continue
		}
		names = append(names, n)
	}
	rank := func(n string) int {
		if i := slices.Index(ReadingOrder, n); i >= 0 {
			return i
		}
		return len(ReadingOrder)
	}
	sort.Slice(names, func(i, j int) bool {
		ri, rj := rank(names[i]), rank(names[j])
		if ri != rj {
			return ri < rj
		}
		return names[i] < names[j]
	})

	s := &Site{Repo: strings.TrimSuffix(cfg.Repo, "/")}
	for _, n := range names {
		t, err := discoverTopic(cfg.Root, n, sections)
		if err != nil {
			return nil, err
		}
		s.Topics = append(s.Topics, t)
	}
	return s, nil
}

func discoverTopic(root, name string, sections map[string]string) (*Topic, error) {
	readme, err := os.ReadFile(filepath.Join(root, name, "README.md"))
	if err != nil {
		return nil, err
	}
	t := &Topic{Name: name}
	t.Title, t.First, t.Intro = readmeParts(string(readme))
	if t.Title == "" {
		t.Title = name
	}
	if b, err := os.ReadFile(filepath.Join(root, name, "demo.sh")); err == nil {
		t.demo = strings.ReplaceAll(string(b), "\r\n", "\n")
		first, _, _ := strings.Cut(t.demo, "\n")
		if list, ok := strings.CutPrefix(first, "# services:"); ok {
			t.Services = strings.Fields(list)
		}
	}
	dir := filepath.Join(root, name)
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			n := d.Name()
			if p != dir && (n == "internal" || n == "testdata" || n == "vendor" || strings.HasPrefix(n, ".") || strings.HasPrefix(n, "_")) {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Name() != "main.go" {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		f, err := parser.ParseFile(token.NewFileSet(), p, src, parser.PackageClauseOnly|parser.ParseComments)
		if err != nil || f.Name.Name != "main" {
			return nil // not a program (or not Go we can read): not an example
		}
		relDir, _ := filepath.Rel(dir, filepath.Dir(p))
		e := &Example{Topic: name, Rel: filepath.ToSlash(relDir), Source: string(src)}
		e.Path = name + "/" + e.Rel
		if f.Doc != nil {
			e.Synopsis = synopsis(f.Doc.Text())
		}
		e.Tests = testFiles(root, e)
		e.Commands, e.InBackground = commands(t.demo, e.Rel)
		e.Output, e.HasDemo = sections[e.Path]
		e.Step = e.Path
		if !e.HasDemo {
			// The step of a library whose only program this is ("linux/jsonfile"
			// for linux/jsonfile/cmd/jsonfile) is this program's output too.
			if lib, _, ok := cutCmd(e.Path); ok && onlyProgram(filepath.Join(root, filepath.FromSlash(lib), "cmd")) {
				if out, ok := sections[lib]; ok {
					e.Output, e.HasDemo, e.Step = out, true, lib
				}
			}
		}
		if !e.HasDemo {
			var best string
			for h := range sections {
				if strings.HasPrefix(e.Path, h+"/") && len(h) > len(best) {
					best = h
				}
			}
			e.InStep = best
		}
		t.Examples = append(t.Examples, e)
		return nil
	})
	if err != nil {
		return nil, err
	}
	orderExamples(t, string(readme))
	return t, nil
}

// synopsis is the first sentence of a package comment.
func synopsis(doc string) string {
	para, _, _ := strings.Cut(strings.TrimSpace(doc), "\n\n")
	para = strings.Join(strings.Fields(para), " ")
	for i := 0; i < len(para); i++ {
		if para[i] == '.' && (i+1 == len(para) || para[i+1] == ' ') {
			return para[:i+1]
		}
	}
	return para
}

// testFiles are the _test.go files beside the program, and beside its library
// when the program is <lib>/cmd/<prog>.
func testFiles(root string, e *Example) []string {
	dirs := []string{e.Path}
	if lib, _, ok := cutCmd(e.Path); ok {
		dirs = append(dirs, lib)
	}
	var out []string
	for _, d := range dirs {
		m, _ := filepath.Glob(filepath.Join(root, filepath.FromSlash(d), "*_test.go"))
		sort.Strings(m)
		for _, f := range m {
			out = append(out, d+"/"+filepath.Base(f))
		}
	}
	return out
}

// onlyProgram reports whether the cmd folder of a library holds one program
// (main.go directly in it, or one folder under it).
func onlyProgram(cmd string) bool {
	if _, err := os.Stat(filepath.Join(cmd, "main.go")); err == nil {
		return true
	}
	entries, err := os.ReadDir(cmd)
	if err != nil {
		return false
	}
	n := 0
	for _, e := range entries {
		if e.IsDir() {
			n++
		}
	}
	return n == 1
}

// cutCmd splits "<lib>/cmd/<prog>" (or "<lib>/cmd") into its library and program.
func cutCmd(p string) (lib, prog string, ok bool) {
	if i := strings.LastIndex(p, "/cmd/"); i >= 0 && !strings.Contains(p[i+5:], "/") {
		return p[:i], p[i+5:], true
	}
	if strings.HasSuffix(p, "/cmd") {
		return strings.TrimSuffix(p, "/cmd"), "", true
	}
	return "", "", false
}

var (
	headingLine = regexp.MustCompile(`^\s*heading\s+(\S+)\s*$|^\s*printf\s+'\\n=== %s ===\\n'\s+"?([^"\s]+)"?\s*$`)
	comment     = regexp.MustCompile(`\s+#\s.*$`)
)

// steps splits a demo.sh into its steps by heading; the lines before the first
// heading are the step "".
func steps(demo string) (names []string, lines map[string][]string) {
	lines = map[string][]string{}
	cur := ""
	names = append(names, "")
	for _, l := range strings.Split(demo, "\n") {
		if m := headingLine.FindStringSubmatch(l); m != nil {
			cur = m[1] + m[2]
			names = append(names, cur)
			continue
		}
		lines[cur] = append(lines[cur], l)
	}
	return names, lines
}

// runs reports whether a demo line runs the program at rel ("go run ./rel").
func runs(line, rel string) bool {
	i := strings.Index(line, "go run ./"+rel)
	if i < 0 {
		return false
	}
	rest := line[i+len("go run ./"+rel):]
	return rest == "" || rest[0] == ' ' || rest[0] == '"' || rest[0] == ';'
}

// commands are how the demo runs the example (from the topic folder): the
// go run lines of its step, else the first line elsewhere that runs it,
// else plain `go run ./<rel>`.
func commands(demo, rel string) (cmds []string, background bool) {
	names, lines := steps(demo)
	// clean keeps the go run command of a line: from "go run" to the end of
	// that command (a ;, &&, || or | ends it), without a trailing comment.
	clean := func(l string) string {
		l = comment.ReplaceAllString(l, "")
		l = l[strings.Index(l, "go run ./"+rel):]
		if i := strings.IndexAny(l, ";|&"); i >= 0 {
			l = l[:i]
		}
		return strings.TrimSpace(l)
	}
	var out []string
	for _, n := range names {
		if n == "" || !strings.HasSuffix(n, "/"+rel) {
			continue
		}
		for _, l := range lines[n] {
			if runs(l, rel) && !slices.Contains(out, clean(l)) {
				out = append(out, clean(l))
			}
		}
	}
	if len(out) > 0 {
		return out, false
	}
	for _, l := range strings.Split(demo, "\n") {
		if runs(l, rel) && !strings.HasPrefix(strings.TrimSpace(l), "#") {
			return []string{clean(l)}, strings.HasPrefix(strings.TrimSpace(l), "background ")
		}
	}
	return []string{"go run ./" + rel}, false
}

// family groups a program with its library's other programs:
// tcp/echo/cmd/echoclient and tcp/echo/cmd/echoserver are both tcp/echo.
func family(rel string) string {
	if lib, _, ok := cutCmd(rel); ok {
		return lib
	}
	return rel
}

// orderExamples puts a topic's examples in reading order: families in the
// order of the demo's headings, then of their first mention in the README,
// then by name; within a family, in the order the demo first runs them, then
// by name.
func orderExamples(t *Topic, readme string) {
	names, lines := steps(t.demo)
	const none = 1 << 30
	famRank := map[string]int{}
	memberRank := map[string]int{}
	for _, e := range t.Examples {
		f := family(e.Rel)
		r := none
		for i, n := range names {
			if n != "" && (n == t.Name+"/"+f || strings.HasPrefix(n, t.Name+"/"+f+"/")) {
				r = i
				break
			}
		}
		if r == none {
			if i := mention(readme, f); i >= 0 {
				r = none/2 + i
			}
		}
		if old, ok := famRank[f]; !ok || r < old {
			famRank[f] = r
		}
		memberRank[e.Rel] = none
		pos := 0
		for _, n := range names {
			for _, l := range lines[n] {
				if runs(l, e.Rel) && pos < memberRank[e.Rel] {
					memberRank[e.Rel] = pos
				}
				pos++
			}
		}
	}
	sort.SliceStable(t.Examples, func(i, j int) bool {
		a, b := t.Examples[i], t.Examples[j]
		fa, fb := family(a.Rel), family(b.Rel)
		if famRank[fa] != famRank[fb] {
			return famRank[fa] < famRank[fb]
		}
		if fa != fb {
			return fa < fb
		}
		if memberRank[a.Rel] != memberRank[b.Rel] {
			return memberRank[a.Rel] < memberRank[b.Rel]
		}
		return a.Rel < b.Rel
	})
}

// mention is the offset of the first mention of rel as a path in a README
// (./rel, (rel/…, `rel`, [rel], a heading "### 1. rel"), or -1: a word of
// the prose that happens to be an example's name does not count.
func mention(readme, rel string) int {
	best := -1
	s := bufio.NewScanner(strings.NewReader(readme))
	off := 0
	q := regexp.QuoteMeta(rel)
	re := regexp.MustCompile(`\./` + q + `($|[\s/"'])|\(` + q + `[/)]|\x60` + q + `/?\x60|\[` + q + `/?\]|^#+ (\d+\. )?` + q + `($|[\s:—-])`)
	for s.Scan() {
		l := s.Text()
		if loc := re.FindStringIndex(l); loc != nil {
			best = off + loc[0]
			break
		}
		off += len(l) + 1
	}
	return best
}

// pagePath is where an example's page is in the site.
func (e *Example) pagePath() string { return e.Path + ".html" }

func topicPath(name string) string { return name + "/index.html" }

// relLink is the relative link from the page at from to the file at to (both
// site paths with / separators): "hello.html", "../linux/index.html".
func relLink(from, to string) string {
	var fd []string
	if d := path.Dir(from); d != "." {
		fd = strings.Split(d, "/")
	}
	td := strings.Split(to, "/")
	i := 0
	for i < len(fd) && i < len(td)-1 && fd[i] == td[i] {
		i++
	}
	return strings.Repeat("../", len(fd)-i) + strings.Join(td[i:], "/")
}

// sourceURL is the link to a repository file or folder.
func (s *Site) sourceURL(p string) string {
	return s.Repo + "/" + strings.TrimPrefix(path.Clean(p), "/")
}

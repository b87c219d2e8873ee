package site

import (
	"bytes"
	"html"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"example.com/cloudgo/internal/docs"
)

const testRepo = "https://github.com/example/cloudgo/blob/main"

// siteCheck skips the tests of the live repository's site unless CLOUDGO_SITE_CHECK=1.
// They check the site against the last `make demo` run, so `make site` runs them
// after building it (CI does, after its demo); in `make test`, before any demo, they
// would check pages without output, and the browser test alone costs a minute and a
// half of a two-core machine.
func siteCheck(t *testing.T) {
	t.Helper()
	if os.Getenv("CLOUDGO_SITE_CHECK") != "1" {
		t.Skip("checks the site against the last make demo run: `make site` runs it (CLOUDGO_SITE_CHECK=1)")
	}
}

func build(t *testing.T, root string) (*Site, map[string][]byte) {
	t.Helper()
	s, err := Discover(Config{Root: root, Demo: ".demo", Repo: testRepo})
	if err != nil {
		t.Fatal(err)
	}
	files, err := Build(s)
	if err != nil {
		t.Fatal(err)
	}
	return s, files
}

func TestFixture(t *testing.T) {
	s, files := build(t, "testdata/repo")

	var topics []string
	for _, tp := range s.Topics {
		topics = append(topics, tp.Name)
	}
	// linux is in the reading order, alpha is not (it follows); internal is no topic.
	if want := []string{"linux", "alpha"}; !slices.Equal(topics, want) {
		t.Fatalf("topics %q, want %q", topics, want)
	}
	var paths []string
	for _, e := range s.Examples() {
		paths = append(paths, e.Path)
	}
	// Examples in reading order: the demo's headings, a server before its client;
	// internal/, testdata/ and a main.go of another package are no examples.
	want := []string{"linux/exec", "alpha/hello", "alpha/srv/cmd/server", "alpha/srv/cmd/client", "alpha/solo/cmd/solo"}
	if !slices.Equal(paths, want) {
		t.Fatalf("examples %q, want %q", paths, want)
	}
	ex := map[string]*Example{}
	for _, e := range s.Examples() {
		ex[e.Path] = e
	}
	for path, cmds := range map[string][]string{
		"linux/exec":           {"go run ./exec"},
		"alpha/hello":          {"go run ./hello -n 2"},
		"alpha/srv/cmd/server": {"go run ./srv/cmd/server -addr 127.0.0.1:7000"},
		"alpha/srv/cmd/client": {"go run ./srv/cmd/client hi"},
	} {
		if got := ex[path].Commands; !slices.Equal(got, cmds) {
			t.Errorf("%s: commands %q, want %q", path, got, cmds)
		}
	}
	if got := ex["alpha/hello"].Tests; !slices.Equal(got, []string{"alpha/hello/main_test.go"}) {
		t.Errorf("hello's tests: %q", got)
	}
	if got := ex["alpha/srv/cmd/client"].Tests; !slices.Equal(got, []string{"alpha/srv/srv_test.go"}) {
		t.Errorf("client's tests (its library's): %q", got)
	}
	if got := ex["alpha/hello"].Synopsis; got != "Hello says hello." {
		t.Errorf("synopsis %q", got)
	}

	home := string(files["index.html"])
	for _, w := range []string{`href="linux/index.html"`, `href="alpha/index.html"`, "Alpha shows &lt;things&gt; in <code>two</code> examples", `href="alpha/hello.html"`} {
		if !strings.Contains(home, w) {
			t.Errorf("home page lacks %s", w)
		}
	}
	topic := string(files["alpha/index.html"])
	for _, w := range []string{
		`<a href="hello.html">hello</a>`,                // an example's main.go: its page
		`href="srv/cmd/server.html"`,                    // an example's folder: its page
		`href="` + testRepo + `/alpha/srv"`,             // another folder: the repository
		`href="../linux/index.html"`,                    // a topic: its page
		`href="` + testRepo + `/alpha/README.md#tests"`, // an anchor of the README: there
		`<a href="srv/cmd/client.html"><code>srv/cmd/client</code></a>`,
	} {
		if !strings.Contains(topic, w) {
			t.Errorf("topic page lacks %s", w)
		}
	}
	for _, bad := range []string{"Not part of the intro", "output: alpha/hello", "raw HTML omitted"} {
		if strings.Contains(topic, bad) {
			t.Errorf("topic page shows %q", bad)
		}
	}

	hello := string(files["alpha/hello.html"])
	for _, w := range []string{
		"with &lt;angle brackets&gt; kept.",
		"<p>A second paragraph of the same comment.</p>",
		"$ go run ./hello -n 2\n",
		"It needs the topic's services (redis): start them with <code>make up TOPIC=alpha</code>",
		"hello, world &lt;b&gt;not bold&lt;/b&gt; &amp; more\nhello, world</code></pre>",
		`href="` + testRepo + `/alpha/hello/main.go"`,
		`href="` + testRepo + `/alpha/hello/main_test.go"`,
		`<a rel="prev" href="../linux/exec.html">`,
		`<a rel="next" href="srv/cmd/server.html">`,
	} {
		if !strings.Contains(hello, w) {
			t.Errorf("hello page lacks %q", w)
		}
	}
	// The raw string's line that looks like a comment stays in the code, and so
	// do the directive and the trailing comment.
	segs := segmentsOf(t, ex["alpha/hello"].Source)
	last := segs[len(segs)-1]
	if !strings.Contains(last.code, "that looks like a comment") || !strings.Contains(last.code, "go:noinline") ||
		!strings.Contains(last.code, "trailing comment") || !strings.Contains(last.doc, "second paragraph") {
		t.Errorf("last segment: doc %q, code %q", last.doc, last.code)
	}
	if server := string(files["alpha/srv/cmd/server.html"]); !strings.Contains(server, "No demo output: the demo runs it in the background") {
		t.Errorf("server page without demo output does not say so")
	}
	// The only program of a library shows its library's step.
	if solo := ex["alpha/solo/cmd/solo"]; !solo.HasDemo || solo.Step != "alpha/solo" || solo.Output != "solo says hi" {
		t.Errorf("solo: demo %v, step %q, output %q", solo.HasDemo, solo.Step, solo.Output)
	}
	checkPages(t, s, files, "testdata/repo")
}

type textSegment struct{ doc, code string }

var tag = regexp.MustCompile(`<[^>]*>`)

func segmentsOf(t *testing.T, src string) []textSegment {
	t.Helper()
	r := &renderer{md: newMarkdown()}
	segs, err := r.segments(src)
	if err != nil {
		t.Fatal(err)
	}
	var out []textSegment
	for _, s := range segs {
		out = append(out, textSegment{
			doc:  html.UnescapeString(tag.ReplaceAllString(string(s.Doc), "")),
			code: html.UnescapeString(tag.ReplaceAllString(string(s.Code), "")),
		})
	}
	return out
}

func TestSegmentsKeepEveryLine(t *testing.T) {
	src, err := os.ReadFile("testdata/repo/alpha/hello/main.go")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range segmentsOf(t, string(src)) {
		got = append(got, strings.Split(s.doc, "\n")...)
		got = append(got, strings.Split(s.code, "\n")...)
	}
	joined := strings.Join(got, "\n")
	for _, l := range strings.Split(string(src), "\n") {
		l = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(l), "//"))
		if l != "" && !strings.Contains(joined, l) {
			t.Errorf("line %q is on no segment", l)
		}
	}
}

// TestRepository builds the site of this repository: every example has a page,
// every link resolves, every output block is the demo's.
func TestRepository(t *testing.T) {
	siteCheck(t)
	root := filepath.Join("..", "..")
	s, files := build(t, root)
	if len(s.Topics) == 0 {
		t.Fatal("no topics found")
	}
	// Every program is found, by a walk of its own.
	var mains []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(p, root+string(filepath.Separator)))
		if d.IsDir() && p != root && (d.Name() == "internal" || d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") || strings.HasPrefix(d.Name(), "_")) {
			return filepath.SkipDir
		}
		if d.IsDir() || d.Name() != "main.go" {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if regexp.MustCompile(`(?m)^package main\s*$`).Match(b) {
			mains = append(mains, path.Dir(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range s.Examples() {
		got = append(got, e.Path)
	}
	slices.Sort(got)
	slices.Sort(mains)
	if !slices.Equal(got, mains) {
		t.Errorf("examples %q\nprograms %q", got, mains)
	}
	checkPages(t, s, files, root)
}

var (
	attr       = regexp.MustCompile(`\s(?:href|src)="([^"]*)"`)
	outputPre  = regexp.MustCompile(`(?s)<pre class="output"><code>(.*?)</code></pre>`)
	idAttr     = regexp.MustCompile(`\sid="([^"]*)"`)
	externalRe = regexp.MustCompile(`^(https?:|mailto:)`)
)

// checkPages: every example has a page whose output block is the demo's
// section; every relative link of every page names a file of the site.
func checkPages(t *testing.T, s *Site, files map[string][]byte, root string) {
	t.Helper()
	sections := map[string]string{}
	logs, _ := filepath.Glob(filepath.Join(root, ".demo", "*.txt"))
	for _, l := range logs {
		b, err := os.ReadFile(l)
		if err != nil {
			t.Fatal(err)
		}
		for k, v := range docs.Sections(string(b)) {
			sections[k] = v
		}
	}
	for _, e := range s.Examples() {
		p, ok := files[e.Path+".html"]
		if !ok {
			t.Errorf("%s: no page", e.Path)
			continue
		}
		m := outputPre.FindAllSubmatch(p, -1)
		want, ran := sections[e.Step]
		switch {
		case e.Step != e.Path && (!strings.HasPrefix(e.Path, e.Step+"/cmd") || !ran):
			t.Errorf("%s: shows the output of step %s", e.Path, e.Step)
		case ran && len(m) != 1:
			t.Errorf("%s: %d output blocks, want 1", e.Path, len(m))
		case ran && html.UnescapeString(string(m[0][1])) != want:
			t.Errorf("%s: output block\n%s\nwant the demo's\n%s", e.Path, html.UnescapeString(string(m[0][1])), want)
		case !ran && (len(m) != 0 || !bytes.Contains(p, []byte("No demo output"))):
			t.Errorf("%s: no demo section, but the page does not say no demo output", e.Path)
		}
	}
	for _, name := range sortedKeys(files) {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		ids := map[string]bool{}
		for _, m := range idAttr.FindAllSubmatch(files[name], -1) {
			ids[string(m[1])] = true
		}
		for _, m := range attr.FindAllSubmatch(files[name], -1) {
			href := html.UnescapeString(string(m[1]))
			if externalRe.MatchString(href) {
				continue
			}
			target, frag, _ := strings.Cut(href, "#")
			if target == "" {
				if !ids[frag] {
					t.Errorf("%s: link %q to no id of the page", name, href)
				}
				continue
			}
			if strings.HasPrefix(target, "/") || strings.Contains(target, "//") {
				t.Errorf("%s: link %q is not relative", name, href)
				continue
			}
			resolved := path.Join(path.Dir(name), target)
			if _, ok := files[resolved]; !ok {
				t.Errorf("%s: link %q names %s, which is not generated", name, href, resolved)
			}
		}
	}
}

// TestDeterministic builds the committed fixture twice. (Not the live repository:
// `make test` runs other modules' tests beside this one, and a file they touch
// between the two builds would look like nondeterminism; TestRepository builds it.)
func TestDeterministic(t *testing.T) {
	for _, root := range []string{"testdata/repo"} {
		_, a := build(t, root)
		_, b := build(t, root)
		if !slices.Equal(sortedKeys(a), sortedKeys(b)) {
			t.Fatalf("%s: two builds made different files", root)
		}
		for _, k := range sortedKeys(a) {
			if !bytes.Equal(a[k], b[k]) {
				t.Errorf("%s: %s differs between two builds", root, k)
			}
		}
	}
}

func TestWrite(t *testing.T) {
	_, files := build(t, "testdata/repo")
	out := filepath.Join(t.TempDir(), "site")
	if err := Write(out, files); err != nil {
		t.Fatal(err)
	}
	// A second write replaces the first.
	if err := os.WriteFile(filepath.Join(out, "stale.html"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(out, files); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "stale.html")); err == nil {
		t.Error("a stale file survived a rewrite")
	}
	b, err := os.ReadFile(filepath.Join(out, "alpha", "hello.html"))
	if err != nil || !bytes.Equal(b, files["alpha/hello.html"]) {
		t.Errorf("alpha/hello.html not written as built: %v", err)
	}
	// A folder it did not make is never replaced.
	foreign := t.TempDir()
	if err := os.WriteFile(filepath.Join(foreign, "precious.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(foreign, files); err == nil || !strings.Contains(err.Error(), "not replacing") {
		t.Errorf("Write into a foreign folder: %v", err)
	}
	if _, err := os.Stat(filepath.Join(foreign, "precious.txt")); err != nil {
		t.Error("Write removed a file it did not make")
	}
}

// Without demo headings, the README's path mentions give the order; a word of
// its prose that is an example's name does not.
func TestOrderFromREADME(t *testing.T) {
	tp := &Topic{Name: "b", Examples: []*Example{{Rel: "a"}, {Rel: "operators"}, {Rel: "values"}}}
	readme := "# b\n\nPython's values, operators and functions.\n\n```sh\ngo run ./values\n```\n\n### 2. operators — and more\n"
	orderExamples(tp, readme)
	var got []string
	for _, e := range tp.Examples {
		got = append(got, e.Rel)
	}
	if want := []string{"values", "operators", "a"}; !slices.Equal(got, want) {
		t.Errorf("order %q, want %q", got, want)
	}
}

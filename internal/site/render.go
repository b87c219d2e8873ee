package site

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"path"
	"sort"
	"strings"

	"github.com/yuin/goldmark"
)

//go:embed assets
var assets embed.FS

var pages = template.Must(template.New("").Funcs(template.FuncMap{
	"join": strings.Join,
}).ParseFS(assets, "assets/*.html"))

type renderer struct {
	md   goldmark.Markdown
	site *Site
}

// link is a link for a page: its text and relative href.
type link struct {
	Text string
	Href string
}

type page struct {
	Title   string
	Page    string // the page's site path, e.g. network/tcp/rawhttp.html
	Root    string // relative prefix to the site root: "", "../", …
	Nav     []navTopic
	Current string // the topic of the page
}

type navTopic struct {
	Name, Href string
	Current    bool
}

type homePage struct {
	page
	Topics []homeTopic
}

type homeTopic struct {
	Name, Title, Href string
	First             template.HTML
	Count             int
}

type topicPage struct {
	page
	Heading    string
	Intro      template.HTML
	Examples   []topicExample
	Diagram    template.HTML
	README     string
	Prev, Next *link
}

type topicExample struct {
	Rel, Href, Synopsis string
	HasDemo             bool
}

type examplePage struct {
	page
	Topic        link
	Rel          string
	Synopsis     string
	Segments     []Segment
	Commands     []string
	Services     []string
	Output       string
	HasDemo      bool
	Step         string
	InStep       string
	InBackground bool
	SourceURL    string
	Tests        []link
	Prev         *link
	Next         *link
}

// Build renders the site: every file's site path and bytes.
func Build(s *Site) (map[string][]byte, error) {
	r := &renderer{md: newMarkdown(), site: s}
	files := map[string][]byte{}
	css, err := r.css()
	if err != nil {
		return nil, err
	}
	files["style.css"] = css
	icon, err := assets.ReadFile("assets/favicon.svg")
	if err != nil {
		return nil, err
	}
	files["favicon.svg"] = icon

	render := func(at, name string, data any) error {
		var b bytes.Buffer
		if err := pages.ExecuteTemplate(&b, name, data); err != nil {
			return fmt.Errorf("render %s: %w", at, err)
		}
		if _, dup := files[at]; dup {
			return fmt.Errorf("two pages at %s", at)
		}
		files[at] = b.Bytes()
		return nil
	}

	home := homePage{page: r.page("index.html", "cloudgo: cloud computing fundamentals in Go", "")}
	for _, t := range s.Topics {
		first, err := r.markdown(t.First, r.readmeLinks(t, "index.html"))
		if err != nil {
			return nil, fmt.Errorf("%s/README.md: %w", t.Name, err)
		}
		home.Topics = append(home.Topics, homeTopic{
			Name: t.Name, Title: subtitle(t), Href: topicPath(t.Name), First: first, Count: len(t.Examples),
		})
	}
	if err := render("index.html", "home.html", home); err != nil {
		return nil, err
	}

	for i, t := range s.Topics {
		at := topicPath(t.Name)
		intro, err := r.markdown(t.Intro, r.readmeLinks(t, at))
		if err != nil {
			return nil, fmt.Errorf("%s/README.md: %w", t.Name, err)
		}
		tp := topicPage{
			page:    r.page(at, t.Title+" · cloudgo", t.Name),
			Heading: t.Title,
			Intro:   intro,
			README:  s.sourceURL(t.Name + "/README.md"),
			Diagram: diagrams[t.Name],
		}
		for _, e := range t.Examples {
			tp.Examples = append(tp.Examples, topicExample{
				Rel: e.Rel, Href: relLink(at, e.pagePath()), Synopsis: e.Synopsis, HasDemo: e.HasDemo,
			})
		}
		if i > 0 {
			tp.Prev = &link{Text: s.Topics[i-1].Name, Href: relLink(at, topicPath(s.Topics[i-1].Name))}
		}
		if i+1 < len(s.Topics) {
			tp.Next = &link{Text: s.Topics[i+1].Name, Href: relLink(at, topicPath(s.Topics[i+1].Name))}
		}
		if err := render(at, "topic.html", tp); err != nil {
			return nil, err
		}
	}

	topicOf := map[string]*Topic{}
	for _, t := range s.Topics {
		topicOf[t.Name] = t
	}
	all := s.Examples()
	for i, e := range all {
		at := e.pagePath()
		segs, err := r.segments(e.Source)
		if err != nil {
			return nil, fmt.Errorf("%s/main.go: %w", e.Path, err)
		}
		ep := examplePage{
			page:         r.page(at, e.Path+" · cloudgo", e.Topic),
			Topic:        link{Text: e.Topic, Href: relLink(at, topicPath(e.Topic))},
			Rel:          e.Rel,
			Synopsis:     e.Synopsis,
			Segments:     segs,
			Commands:     e.Commands,
			Services:     topicOf[e.Topic].Services,
			Output:       e.Output,
			HasDemo:      e.HasDemo,
			Step:         e.Step,
			InStep:       e.InStep,
			InBackground: e.InBackground,
			SourceURL:    s.sourceURL(e.Path + "/main.go"),
		}
		for _, tf := range e.Tests {
			ep.Tests = append(ep.Tests, link{Text: strings.TrimPrefix(tf, e.Topic+"/"), Href: s.sourceURL(tf)})
		}
		if i > 0 {
			ep.Prev = &link{Text: all[i-1].Path, Href: relLink(at, all[i-1].pagePath())}
		}
		if i+1 < len(all) {
			ep.Next = &link{Text: all[i+1].Path, Href: relLink(at, all[i+1].pagePath())}
		}
		if err := render(at, "example.html", ep); err != nil {
			return nil, err
		}
	}
	return files, nil
}

func (r *renderer) page(at, title, topic string) page {
	p := page{Title: title, Page: at, Root: strings.Repeat("../", strings.Count(at, "/")), Current: topic}
	for _, t := range r.site.Topics {
		p.Nav = append(p.Nav, navTopic{Name: t.Name, Href: relLink(at, topicPath(t.Name)), Current: t.Name == topic})
	}
	return p
}

func (r *renderer) css() ([]byte, error) {
	base, err := assets.ReadFile("assets/style.css")
	if err != nil {
		return nil, err
	}
	hl, err := chromaCSS()
	if err != nil {
		return nil, err
	}
	return append(base, hl...), nil
}

// readmeLinks resolves the links of a topic README for the page at `at`: to
// an example's page when they name its folder or main.go, to a topic's page
// when they name a topic, else to the file on the repository.
func (r *renderer) readmeLinks(t *Topic, at string) linkResolver {
	examples := map[string]*Example{}
	for _, e := range r.site.Examples() {
		examples[e.Path] = e
	}
	topics := map[string]bool{}
	for _, tt := range r.site.Topics {
		topics[tt.Name] = true
	}
	return func(dest string) string {
		if dest == "" || strings.Contains(dest, "://") || strings.HasPrefix(dest, "mailto:") {
			return dest
		}
		if strings.HasPrefix(dest, "#") {
			return r.site.sourceURL(t.Name+"/README.md") + dest
		}
		p, frag, _ := strings.Cut(dest, "#")
		if frag != "" {
			frag = "#" + frag
		}
		var full string
		if strings.HasPrefix(p, "/") {
			full = path.Clean(strings.TrimPrefix(p, "/"))
		} else {
			full = path.Join(t.Name, p)
		}
		if e, ok := examples[strings.TrimSuffix(full, "/main.go")]; ok {
			return relLink(at, e.pagePath())
		}
		if topics[full] {
			return relLink(at, topicPath(full))
		}
		if full == "." || strings.HasPrefix(full, "..") {
			return r.site.Repo + "/" + frag
		}
		return r.site.sourceURL(full) + frag
	}
}

// sortedKeys returns the keys of files in order.
func sortedKeys(files map[string][]byte) []string {
	keys := make([]string, 0, len(files))
	for k := range files {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// subtitle is a topic's title without its name in front ("linux — Linux
// basics from Go" → "Linux basics from Go").
func subtitle(t *Topic) string {
	rest, ok := strings.CutPrefix(t.Title, t.Name)
	if !ok {
		return t.Title
	}
	rest = strings.TrimLeft(rest, " :—–-")
	if rest == "" {
		return t.Title
	}
	return rest
}

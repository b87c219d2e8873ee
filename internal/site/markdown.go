package site

import (
	"bytes"
	"fmt"
	"html/template"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// A linkResolver rewrites a link's destination for the page it appears on.
type linkResolver func(dest string) string

var resolverKey = parser.NewContextKey()

// rewriteLinks is the AST transformer that passes every link and image
// destination through the page's resolver.
type rewriteLinks struct{}

func (rewriteLinks) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	resolve, _ := pc.Get(resolverKey).(linkResolver)
	if resolve == nil {
		return
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			n.Destination = []byte(resolve(string(n.Destination)))
		case *ast.Image:
			n.Destination = []byte(resolve(string(n.Destination)))
		}
		return ast.WalkContinue, nil
	})
}

// newMarkdown is GitHub-flavoured Markdown without raw HTML: text such as
// <topic> in a comment or README is shown, not dropped, and nothing a README
// says can inject markup into a page.
func newMarkdown() goldmark.Markdown {
	var blocks, inlines []util.PrioritizedValue
	for _, b := range parser.DefaultBlockParsers() {
		if fmt.Sprintf("%T", b.Value) != fmt.Sprintf("%T", parser.NewHTMLBlockParser()) {
			blocks = append(blocks, b)
		}
	}
	for _, in := range parser.DefaultInlineParsers() {
		if fmt.Sprintf("%T", in.Value) != fmt.Sprintf("%T", parser.NewRawHTMLParser()) {
			inlines = append(inlines, in)
		}
	}
	p := parser.NewParser(
		parser.WithBlockParsers(blocks...),
		parser.WithInlineParsers(inlines...),
		parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
		parser.WithASTTransformers(util.Prioritized(rewriteLinks{}, 1000)),
	)
	return goldmark.New(goldmark.WithParser(p), goldmark.WithExtensions(extension.GFM))
}

// markdown renders src, rewriting link destinations with resolve (when not nil).
func (r *renderer) markdown(src string, resolve linkResolver) (template.HTML, error) {
	ctx := parser.NewContext()
	if resolve != nil {
		ctx.Set(resolverKey, resolve)
	}
	var b bytes.Buffer
	if err := r.md.Convert([]byte(src), &b, parser.WithContext(ctx)); err != nil {
		return "", fmt.Errorf("markdown: %w", err)
	}
	return template.HTML(b.String()), nil // goldmark escapes text; raw HTML is off
}

var htmlComment = regexp.MustCompile(`(?s)<!--.*?-->\n?`)

// readmeParts splits a topic README into its title (the first # heading), its
// first paragraph, and its intro: everything before the first ## heading.
func readmeParts(src string) (title, first, intro string) {
	src = strings.ReplaceAll(src, "\r\n", "\n")
	src = htmlComment.ReplaceAllString(src, "")
	lines := strings.Split(src, "\n")
	var body []string
	fence := ""
	for _, l := range lines {
		trimmed := strings.TrimSpace(l)
		if fence == "" && (strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~")) {
			fence = trimmed[:3]
		} else if fence != "" && strings.HasPrefix(trimmed, fence) {
			fence = ""
		}
		if fence == "" && title == "" && strings.HasPrefix(l, "# ") && len(body) == 0 {
			title = strings.TrimSpace(strings.TrimPrefix(l, "# "))
			continue
		}
		if fence == "" && strings.HasPrefix(l, "## ") {
			break
		}
		body = append(body, l)
	}
	intro = strings.Trim(strings.Join(body, "\n"), "\n") + "\n"
	// The first paragraph: the first run of non-blank lines that is text.
	var para []string
	for _, l := range body {
		if strings.TrimSpace(l) == "" {
			if len(para) > 0 {
				break
			}
			continue
		}
		para = append(para, l)
	}
	first = strings.Join(para, "\n")
	return title, first, intro
}

package site

import (
	"bytes"
	"fmt"
	"html/template"
	"regexp"
	"strings"

	"github.com/alecthomas/chroma/v2"
	chtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
)

// A Segment is a run of comment lines (Doc, rendered from Markdown) and the code
// lines that follow it (Code, highlighted), as Go by Example lays a program out:
// the comment in the left column beside the code it explains.
type Segment struct {
	Doc  template.HTML
	Code template.HTML
}

// commentLine matches a line that is only a // comment; directives (//go:build,
// //nolint:…) are code.
var (
	commentLine = regexp.MustCompile(`^\s*//(\s.*)?$`)
	blankLine   = regexp.MustCompile(`^\s*$`)
)

// segmentLines splits source lines into segments: each is the doc lines (with
// the comment markers removed) and the half-open range [start, end) of its code
// lines, leading and trailing blank lines dropped.
type rawSegment struct {
	doc        []string
	start, end int
}

// isComment tells whether line i is a comment line: it matches commentLine
// and the lexer saw a comment there (not, say, a line of a raw string).
func segmentLines(lines []string, isComment func(i int) bool) []rawSegment {
	var out []rawSegment
	cur := rawSegment{start: -1}
	hasCode := false
	flush := func() {
		if len(cur.doc) > 0 || hasCode {
			out = append(out, cur)
		}
		cur = rawSegment{start: -1}
		hasCode = false
	}
	nextIsComment := func(i int) bool {
		for ; i < len(lines); i++ {
			if !blankLine.MatchString(lines[i]) {
				return isComment(i)
			}
		}
		return false
	}
	for i, l := range lines {
		switch {
		case isComment(i):
			if hasCode {
				flush()
			}
			text := strings.TrimPrefix(strings.TrimLeft(l, " \t"), "//")
			text = strings.TrimPrefix(text, " ")
			cur.doc = append(cur.doc, text)
		case blankLine.MatchString(l) && !hasCode:
			if len(cur.doc) > 0 && nextIsComment(i+1) {
				cur.doc = append(cur.doc, "")
			}
		default:
			if !hasCode {
				cur.start = i
				hasCode = true
			}
			if !blankLine.MatchString(l) {
				cur.end = i + 1
			}
		}
	}
	flush()
	return out
}

var (
	goLexer   = chroma.Coalesce(lexers.Get("go"))
	formatter = chtml.New(chtml.WithClasses(true), chtml.TabWidth(4))
)

// segments highlights a Go source file and splits it into segments.
func (r *renderer) segments(src string) ([]Segment, error) {
	src = strings.ReplaceAll(src, "\r\n", "\n")
	it, err := goLexer.Tokenise(nil, src)
	if err != nil {
		return nil, fmt.Errorf("highlight: %w", err)
	}
	tokenLines := chroma.SplitTokensIntoLines(it.Tokens())
	lines := strings.Split(strings.TrimSuffix(src, "\n"), "\n")
	var out []Segment
	isComment := func(i int) bool {
		if !commentLine.MatchString(lines[i]) || i >= len(tokenLines) {
			return false
		}
		for _, t := range tokenLines[i] {
			if strings.TrimSpace(t.Value) == "" {
				continue
			}
			return t.Type.InCategory(chroma.Comment)
		}
		return false
	}
	for _, s := range segmentLines(lines, isComment) {
		var seg Segment
		if len(s.doc) > 0 {
			doc, err := r.markdown(strings.Join(s.doc, "\n"), nil)
			if err != nil {
				return nil, err
			}
			seg.Doc = doc
		}
		if s.start >= 0 && s.end > s.start {
			var toks []chroma.Token
			for i := s.start; i < s.end && i < len(tokenLines); i++ {
				toks = append(toks, tokenLines[i]...)
			}
			var b bytes.Buffer
			if err := formatter.Format(&b, styles.Fallback, chroma.Literator(toks...)); err != nil {
				return nil, fmt.Errorf("highlight: %w", err)
			}
			seg.Code = template.HTML(b.String()) // chroma escapes the source text
		}
		out = append(out, seg)
	}
	return out, nil
}

// chromaCSS is the highlighting's CSS: a light style, and a dark one for
// prefers-color-scheme: dark.
func chromaCSS() (string, error) {
	var light, dark bytes.Buffer
	if err := formatter.WriteCSS(&light, styles.Get("github")); err != nil {
		return "", err
	}
	if err := formatter.WriteCSS(&dark, styles.Get("github-dark")); err != nil {
		return "", err
	}
	// Each style under its own media query, so that no colour of one shows
	// through where the other leaves a token to inherit the text colour.
	return "/* syntax highlighting: chroma's github and github-dark styles */\n" +
		"@media not all and (prefers-color-scheme: dark) {\n" + light.String() + "}\n" +
		"@media (prefers-color-scheme: dark) {\n" + dark.String() + "}\n", nil
}

package site

import (
	_ "embed"
	"html/template"
)

//go:embed assets/messaging.svg
var messagingSVG string

// diagrams are drawings shown on a topic's page: inline SVG with a title and a
// description for screen readers, drawn in the page's colours (light or dark).
var diagrams = map[string]template.HTML{
	"messaging": template.HTML(messagingSVG), // a file of this package, not input
}

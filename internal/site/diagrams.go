package site

import "html/template"

// diagrams are drawings shown on a topic's page, inline SVG with a title.
var diagrams = map[string]template.HTML{}

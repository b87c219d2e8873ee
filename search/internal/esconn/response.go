package esconn

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/elastic/go-elasticsearch/v8/typedapi/types"
)

// As returns v (a part of a typed response, e.g. one aggregate) as a T, or an error
// naming what when the response has another shape than asked for.
func As[T any](v any, what string) (T, error) {
	t, ok := v.(T)
	if !ok {
		return t, fmt.Errorf("%s: unexpected %T in the response", what, v)
	}
	return t, nil
}

// Value reads an optional metric: Elasticsearch sends null for an empty bucket.
func Value(v *types.Float64) float64 {
	if v == nil {
		return 0
	}
	return float64(*v)
}

// MappingField is the part of a field mapping (GET /index/_mapping) the examples print.
type MappingField struct {
	Type     string                  `json:"type"`
	Analyzer string                  `json:"analyzer"`
	Fields   map[string]MappingField `json:"fields"`
}

// Describe returns one line for the field called name (padded to 10 columns): its
// type, its analyzer if it has one, and its multi-fields, e.g.
// "title      text (analyzer english) + title.keyword keyword".
func (f MappingField) Describe(name string) string {
	line := fmt.Sprintf("%-10s %s", name, f.Type)
	if f.Analyzer != "" {
		line += " (analyzer " + f.Analyzer + ")"
	}
	for _, sub := range slices.Sorted(maps.Keys(f.Fields)) {
		line += fmt.Sprintf(" + %s.%s %s", name, sub, f.Fields[sub].Type)
	}
	return strings.TrimRight(line, " ")
}

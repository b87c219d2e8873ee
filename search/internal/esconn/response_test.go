package esconn

import (
	"strings"
	"testing"

	"github.com/elastic/go-elasticsearch/v8/typedapi/types"
)

func TestAs(t *testing.T) {
	if got, err := As[*types.AvgAggregate](&types.AvgAggregate{}, "avg"); err != nil || got == nil {
		t.Errorf("As of the asked-for type: %v, %v", got, err)
	}
	_, err := As[*types.AvgAggregate](&types.StatsAggregate{}, "avg_rating")
	if err == nil || !strings.Contains(err.Error(), "avg_rating: unexpected *types.StatsAggregate") {
		t.Errorf("As of another type: want an error naming what and the type, got %v", err)
	}
}

func TestValue(t *testing.T) {
	v := types.Float64(4.5)
	if Value(nil) != 0 || Value(&v) != 4.5 {
		t.Errorf("Value(nil) = %v, Value(4.5) = %v", Value(nil), Value(&v))
	}
}

func TestDescribe(t *testing.T) {
	f := MappingField{Type: "text", Analyzer: "english", Fields: map[string]MappingField{"keyword": {Type: "keyword"}}}
	if got, want := f.Describe("title"), "title      text (analyzer english) + title.keyword keyword"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got, want := (MappingField{Type: "date"}).Describe("published"), "published  date"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

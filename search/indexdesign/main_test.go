package main

import (
	"bytes"
	"io"
	"os"
	"strings"
	"testing"

	"example.com/cloudgo/search/internal/testenv"
)

func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }

// TestRun checks the whole output: the index is created once (a second create is
// refused with 400), the mapping reads back as designed, the analyzer stems, strict
// mapping rejects an unknown field, and the index is gone at the end.
func TestRun(t *testing.T) {
	e := testenv.Elasticsearch(t)
	es := e.Client(t)
	index := testenv.IndexName(t, es, "design")
	var out bytes.Buffer
	if err := run(t.Context(), append(e.Args(t), "-index", index), &out); err != nil {
		t.Fatalf("run: %v\noutput:\n%s", err, out.String())
	}
	want := strings.ReplaceAll(`index INDEX exists: false
created index INDEX (acknowledged=true)
index INDEX exists: true
create again: 400 resource_already_exists_exception
mapping (esapi GET /INDEX/_mapping), dynamic=strict:
  author     keyword
  body       text (analyzer english)
  category   keyword
  published  date
  rating     float
  tags       keyword
  title      text (analyzer english) + title.keyword keyword
  views      integer
title analyzer: "Running searches on the indexed articles" -> [run search index articl]
document with unknown field "titel": 400 strict_dynamic_mapping_exception
deleted index INDEX (acknowledged=true)
index INDEX exists: false
`, "INDEX", index)
	if got := out.String(); got != want {
		t.Errorf("output:\n%s\nwant:\n%s", got, want)
	}
}

// TestUnreachable: a cluster that is not there gives one line naming the address.
func TestUnreachable(t *testing.T) {
	t.Setenv("ELASTIC_PASSWORD", "")
	err := run(t.Context(), []string{"-url", "http://127.0.0.1:1"}, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "http://127.0.0.1:1 unreachable (start it with `make up`)") {
		t.Fatalf("err = %v, want it to name the address and `make up`", err)
	}
}

package main

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"example.com/cloudgo/internal/elastictest"
	"example.com/cloudgo/internal/kit"

	"example.com/cloudgo/search/internal/estest"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

// TestRun checks the whole output: the index is created once (a second create is
// refused with 400), the mapping reads back as designed, the analyzer stems, strict
// mapping rejects an unknown field, and the index is gone at the end.
func TestRun(t *testing.T) {
	c := elastictest.Elasticsearch(t)
	es := estest.Client(t, c)
	index := estest.IndexName(t, es, "design")
	var out, errOut bytes.Buffer
	if err := run(t.Context(), append(estest.Args(t, c), "-index", index), &out, &errOut); err != nil {
		t.Fatalf("run: %v\noutput:\n%s%s", err, out.String(), errOut.String())
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

func TestBadFlags(t *testing.T) {
	estest.BadFlags(t, run, [][]string{
		{"-index", ""}, {"-index", "Articles"}, {"-index", "_x"}, {"-index", "a b"},
		{"-url", "127.0.0.1:9200"}, {"-url", "ftp://127.0.0.1"},
		{"-ca-fingerprint", "12:ab"}, {"-nosuchflag"},
	})
}

// TestUnreachable: a cluster that is not there gives one line naming the address.
func TestUnreachable(t *testing.T) { estest.Unreachable(t, run) }

package main

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"

	"example.com/cloudgo/internal/elastictest"
	"example.com/cloudgo/internal/kit"

	"example.com/cloudgo/search/internal/estest"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

// TestRun loads 3,000 articles, three of them broken: the three are reported with
// the server's reason, the rest are indexed in a few bulk requests, and the index
// holds exactly the indexed ones.
func TestRun(t *testing.T) {
	c := elastictest.Elasticsearch(t)
	index := estest.IndexName(t, estest.Client(t, c), "bulk")
	var out, errOut bytes.Buffer
	args := append(estest.Args(t, c), "-index", index, "-n", "3000", "-bad", "3", "-flush-bytes", "65536")
	if err := run(t.Context(), args, &out, &errOut); err != nil {
		t.Fatalf("run: %v\noutput:\n%s%s", err, out.String(), errOut.String())
	}
	got := out.String()
	var added, indexed, failed, requests int
	if _, err := fmt.Sscanf(got, "added %d, indexed %d, failed %d in %d bulk requests",
		&added, &indexed, &failed, &requests); err != nil {
		t.Fatalf("no summary line first (%v) in:\n%s", err, got)
	}
	if added != 3000 || indexed != 2997 || failed != 3 {
		t.Errorf("added %d, indexed %d, failed %d; want 3000, 2997, 3", added, indexed, failed)
	}
	// ~190 bytes a document: 64 KiB requests carry ~340 documents each.
	if requests < 5 || requests > 30 {
		t.Errorf("%d bulk requests for 3000 documents in 64 KiB batches, want about 10", requests)
	}
	for _, id := range []string{"g000751", "g001501", "g002251"} {
		if !strings.Contains(got, "failed: "+id+": 400 document_parsing_exception: ") {
			t.Errorf("no failure line for %s (400 document_parsing_exception) in:\n%s", id, got)
		}
	}
	if !strings.HasSuffix(got, "documents in "+index+": 2997\n") {
		t.Errorf("index count line missing or wrong in:\n%s", got)
	}
	if strings.Contains(got, "progress") {
		t.Errorf("progress on stdout, want it on stderr:\n%s", got)
	}
}

// TestBadFlags: every numeric flag is checked before anything is sent.
func TestBadFlags(t *testing.T) {
	estest.BadFlags(t, run, [][]string{
		{"-n", "0"}, {"-n", "-5"}, {"-n", "1000001"},
		{"-bad", "-1"}, {"-bad", "11", "-n", "10"},
		{"-workers", "0"}, {"-workers", "-2"}, {"-workers", "65"},
		{"-flush-bytes", "0"}, {"-flush-bytes", "-1"}, {"-flush-bytes", "1023"}, {"-flush-bytes", "104857601"},
		{"-timeout", "0s"}, {"-timeout", "-1m"}, {"-timeout", "soon"},
		{"-n", "1e3"}, {"-index", "Bulk"},
	})
}

func TestUnreachable(t *testing.T) { estest.Unreachable(t, run) }

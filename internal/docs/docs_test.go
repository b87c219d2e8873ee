package docs

import (
	"strings"
	"testing"
)

const log = `##### cache #####
starting redis
=== cache/memcached ===
set greeting
took 12.5ms at 127.0.0.1:49153

=== cache/rediscache ===
a
b
c
##### ok   cache 12s
`

func TestSectionsSplitsByHeading(t *testing.T) {
	s := Sections(log)
	if got := s["cache/memcached"]; got != "set greeting\ntook 12.5ms at 127.0.0.1:49153" {
		t.Errorf("memcached = %q", got)
	}
	if got := s["cache/rediscache"]; got != "a\nb\nc" {
		t.Errorf("rediscache = %q", got)
	}
	if len(s) != 2 {
		t.Errorf("sections = %v", s)
	}
}

func TestRewriteFillsBlocksAndReportsMissing(t *testing.T) {
	readme := "# x\n<!-- output: cache/memcached -->\n```text\nold\n```\n\n<!-- output: cache/rediscache head=2 -->\n```text\n```\n<!-- output: cache/gone -->\n```\nkept\n```\n"
	got, blocks, missing, err := Rewrite(readme, Sections(log))
	if err != nil {
		t.Fatal(err)
	}
	want := "# x\n<!-- output: cache/memcached -->\n```text\nset greeting\ntook 12.5ms at 127.0.0.1:49153\n```\n\n<!-- output: cache/rediscache head=2 -->\n```text\na\nb\n…\n```\n<!-- output: cache/gone -->\n```\nkept\n```\n"
	if got != want {
		t.Errorf("Rewrite =\n%s\nwant\n%s", got, want)
	}
	if len(blocks) != 3 || blocks[0].Text != "old\n" || blocks[1].Head != 2 {
		t.Errorf("blocks = %+v", blocks)
	}
	if strings.Join(missing, ",") != "cache/gone" {
		t.Errorf("missing = %v", missing)
	}
	if _, _, _, err := Rewrite("<!-- output: a lines=3 -->\n```\n```\n", nil); err == nil {
		t.Error("unknown option accepted")
	}
}

func TestMaskHidesWhatVariesOnly(t *testing.T) {
	for in, want := range map[string]string{
		"took 12.5ms, then 2m3.5s":                  "took <dur>, then <dur>",
		"listening on 127.0.0.1:49153":              "listening on 127.0.0.1:<port>",
		"id 3f2a9c1d0b7e at 2026-12-05T01:02:03Z":   "id <hex> at <time>",
		"41234 msg/s, 12.5 MB/s":                    "<rate>, <rate>",
		"3 messages, 2 partitions, 100 keys":        "3 messages, 2 partitions, 100 keys",
		"uuid 123e4567-e89b-12d3-a456-426614174000": "uuid <uuid>",
	} {
		if got := Mask(in); got != want {
			t.Errorf("Mask(%q) = %q, want %q", in, got, want)
		}
	}
}

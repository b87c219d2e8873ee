// Package docs keeps the output blocks of the READMEs equal to what the examples
// really print. `make demo` saves each topic's run in .demo/; `make docs` writes
// the output of each step into the README blocks that name it, and
// `make docs-check` (CI) fails when a block differs from the run.
//
// A block in a README:
//
//	<!-- output: cache/memcached -->
//	```text
//	…
//	```
//
// names a demo step by its heading ("=== cache/memcached ===" in the demo's
// output). Options after the name: head=N shows the first N lines only.
//
// What varies from run to run is masked before comparing, in one way for all:
// durations (12ms, 1.5s, 2m3s), rates and sizes with a unit per time (MB/s,
// msg/s, req/s, ops/s), speed-up ratios (99×), percentages of a measurement (34.1%), host ports (127.0.0.1:49153),
// hex IDs of 8+ digits, UUIDs and timestamps. The README keeps the real values of the last `make docs`.
package docs

import (
	"bufio"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Sections splits a demo log into the output of each step, by heading.
func Sections(log string) map[string]string {
	out := map[string]string{}
	var name string
	var b strings.Builder
	flush := func() {
		if name != "" {
			out[name] = strings.Trim(b.String(), "\n")
		}
		b.Reset()
	}
	s := bufio.NewScanner(strings.NewReader(log))
	s.Buffer(make([]byte, 1<<20), 1<<20)
	for s.Scan() {
		line := s.Text()
		if m := heading.FindStringSubmatch(line); m != nil {
			flush()
			name = m[1]
			continue
		}
		if strings.HasPrefix(line, "##### ") {
			flush()
			name = ""
			continue
		}
		if name != "" {
			b.WriteString(line)
			b.WriteByte('\n')
		}
	}
	flush()
	return out
}

var (
	heading = regexp.MustCompile(`^=== (\S+) ===$`)
	block   = regexp.MustCompile("(?m)^<!-- output: (\\S+)((?: [a-z]+=\\S+)*) -->\n```[a-z]*\n((?s:.*?))```\n")
)

// Block is one output block of a README.
type Block struct {
	Name string // the demo step's heading
	Head int    // lines shown; 0 for all
	Text string // what the README shows
}

// Rewrite replaces the text of every block in readme by the output of its step,
// and returns the new README, the blocks with their old text, and the names of
// blocks whose step is not in sections.
func Rewrite(readme string, sections map[string]string) (string, []Block, []string, error) {
	var blocks []Block
	var missing []string
	var err error
	out := block.ReplaceAllStringFunc(readme, func(m string) string {
		sub := block.FindStringSubmatch(m)
		b := Block{Name: sub[1], Text: sub[3]}
		for _, opt := range strings.Fields(sub[2]) {
			k, v, _ := strings.Cut(opt, "=")
			n, convErr := strconv.Atoi(v)
			if k != "head" || convErr != nil || n < 1 {
				err = fmt.Errorf("output block %s: unknown option %q (head=N)", b.Name, opt)
				return m
			}
			b.Head = n
		}
		blocks = append(blocks, b)
		text, ok := sections[b.Name]
		if !ok {
			missing = append(missing, b.Name)
			return m
		}
		if b.Head > 0 {
			lines := strings.Split(text, "\n")
			if len(lines) > b.Head {
				text = strings.Join(append(lines[:b.Head], "…"), "\n")
			}
		}
		if text != "" {
			text += "\n"
		}
		// The match ends with the block's text and its closing fence.
		return m[:len(m)-len(sub[3])-len("```\n")] + text + "```\n"
	})
	return out, blocks, missing, err
}

var masks = []struct {
	re   *regexp.Regexp
	with string
}{
	{regexp.MustCompile(`\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:?\d\d)?`), "<time>"},
	{regexp.MustCompile(`\b\d\d:\d\d:\d\d(\.\d+)?\b`), "<time>"},
	{regexp.MustCompile(`(?i)\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b`), "<uuid>"},
	{regexp.MustCompile(`((?:127\.0\.0\.1|localhost|\[::1\]|0\.0\.0\.0)):\d+`), "$1:<port>"},
	{regexp.MustCompile(`\b(\d+(\.\d+)?(h|m(?:s|in)?|s|µs|us|ns))+\b`), "<dur>"},
	{regexp.MustCompile(`\b\d[\d,.]*\s*(k|K|M|G)?(B|msg|req|ops|rows|docs|words|objects|keys|MB|GB|KB|KiB|MiB|GiB)?/s(ec)?\b`), "<rate>"},
	{regexp.MustCompile(`\b\d+(\.\d+)?(×|x faster| times faster)`), "<ratio>"},
	{regexp.MustCompile(`\b\d+(\.\d+)?%`), "<pct>"},
	{regexp.MustCompile(`\b[0-9a-f]{8,}\b`), "<hex>"},
}

// Mask replaces what varies between runs by placeholders.
func Mask(s string) string {
	for _, m := range masks {
		s = m.re.ReplaceAllString(s, m.with)
	}
	return s
}

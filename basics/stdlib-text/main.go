// stdlib-text: the standard library for text-shaped data - command-line
// flags, regular expressions, URLs and base64. Python's argparse, re,
// urllib.parse and base64 all have a counterpart here; no pip install.
package main

import (
	"encoding/base64"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"regexp"
	"strings"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "stdlib-text:", err)
		os.Exit(1)
	}
}

func run(w io.Writer) error {
	// flag: os.Args[0] is the program, os.Args[1:] the arguments (Python's
	// sys.argv). A real program passes os.Args[1:] to fs.Parse; parsing a
	// fixed slice keeps this example's output the same on every run. A
	// FlagSet (instead of the global flag.Parse) is also what makes a
	// command testable.
	fs := flag.NewFlagSet("greet", flag.ContinueOnError)
	name := fs.String("name", "world", "who to greet")
	times := fs.Int("n", 1, "how many times")
	loud := fs.Bool("loud", false, "shout")
	if err := fs.Parse([]string{"-name=Gopher", "-n", "2", "-loud", "extra", "args"}); err != nil {
		return fmt.Errorf("parse flags: %w", err)
	}
	greeting := strings.Repeat("hello "+*name+" ", *times)
	if *loud {
		greeting = strings.ToUpper(greeting)
	}
	fmt.Fprintf(w, "flag: %q, positional %q\n", strings.TrimSpace(greeting), fs.Args())

	// Bad input is an error, not a crash (ContinueOnError; usage goes to fs.Output()).
	fs2 := flag.NewFlagSet("strict", flag.ContinueOnError)
	fs2.SetOutput(io.Discard)
	fs2.Int("n", 1, "count")
	fmt.Fprintln(w, "flag error:", fs2.Parse([]string{"-n", "many"}))

	// regexp uses RE2 syntax: no backreferences, but guaranteed linear time,
	// so untrusted patterns cannot hang the program. MustCompile panics on a
	// bad pattern - fine for constants; use Compile for user input.
	logLine := regexp.MustCompile(`(?P<level>[A-Z]+) (?P<code>\d{3}) (?P<path>/\S*)`)
	text := "INFO 200 /index.html\nWARN 404 /missing\nINFO 500 /api/v1"
	for _, m := range logLine.FindAllStringSubmatch(text, -1) {
		fmt.Fprintf(w, "regexp: level=%s code=%s path=%s\n",
			m[logLine.SubexpIndex("level")], m[logLine.SubexpIndex("code")], m[logLine.SubexpIndex("path")])
	}
	fmt.Fprintln(w, "regexp:", regexp.MustCompile(`\d+`).ReplaceAllString("a1b22c333", "#"))
	for _, pattern := range []string{`^v\d+$`, `(unclosed`} { // e.g. from user input
		if re, err := regexp.Compile(pattern); err != nil {
			fmt.Fprintln(w, "regexp error:", err)
		} else {
			fmt.Fprintln(w, "regexp:", pattern, "matches v42:", re.MatchString("v42"))
		}
	}

	// net/url parses and builds URLs; Query() decodes the query string and
	// Encode() escapes it again (sorted by key).
	u, err := url.Parse("https://user@example.com:8443/search/go%20lang?q=cloud+go&page=2#top")
	if err != nil {
		return fmt.Errorf("parse url: %w", err)
	}
	fmt.Fprintf(w, "url: scheme=%s host=%s port=%s path=%q fragment=%s user=%s\n",
		u.Scheme, u.Hostname(), u.Port(), u.Path, u.Fragment, u.User.Username())
	q := u.Query()
	fmt.Fprintf(w, "url: q=%q page=%q\n", q.Get("q"), q.Get("page"))
	q.Set("page", "3")
	q.Add("tag", "a&b")
	u.RawQuery = q.Encode()
	fmt.Fprintln(w, "url:", u)
	fmt.Fprintln(w, "url:", u.JoinPath("..", "docs"))

	// base64: StdEncoding for MIME-style data, URLEncoding when the result
	// goes into a URL or file name (- and _ instead of + and /).
	data := []byte("cloud?go>")
	std := base64.StdEncoding.EncodeToString(data)
	fmt.Fprintln(w, "base64:", std, base64.URLEncoding.EncodeToString(data))
	decoded, err := base64.StdEncoding.DecodeString(std)
	if err != nil {
		return fmt.Errorf("decode base64 %q: %w", std, err)
	}
	fmt.Fprintf(w, "base64: decoded %q\n", decoded)
	_, err = base64.StdEncoding.DecodeString("not base64!")
	fmt.Fprintln(w, "base64 error:", err)
	return nil
}

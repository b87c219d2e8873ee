// stdlib-text: the standard library for text-shaped data - command-line
// flags, regular expressions, URLs and base64. Python's argparse, re,
// urllib.parse and base64 all have a counterpart here; no pip install.
package main

import (
	"context"
	"encoding/base64"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/signal"
	"regexp"
	"strings"
	"syscall"

	"example.com/cloudgo/basics/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("stdlib-text", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run prints the lesson. It has no flags (-h says so) and takes no arguments.
func run(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("stdlib-text", flag.ContinueOnError)
	fs.SetOutput(stderr)
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return cli.Usagef("unexpected arguments %q: this lesson takes none", fs.Args())
	}
	// flag: os.Args[0] is the program, os.Args[1:] the arguments (Python's
	// sys.argv); main hands os.Args[1:] to run, which parses them above. This
	// lesson parses a fixed slice so that its output is the same on every
	// run. A FlagSet (instead of the global flag.Parse) is also what makes a
	// command testable.
	greet := flag.NewFlagSet("greet", flag.ContinueOnError)
	name := greet.String("name", "world", "who to greet")
	times := greet.Int("n", 1, "how many times")
	loud := greet.Bool("loud", false, "shout")
	if err := greet.Parse([]string{"-name=Gopher", "-n", "2", "-loud", "extra", "args"}); err != nil {
		return fmt.Errorf("parse flags: %w", err)
	}
	if *times < 1 { // the type says int; only the program knows that 0 or -1 make no sense
		return cli.Usagef("-n must be at least 1, got %d", *times)
	}
	greeting := strings.Repeat("hello "+*name+" ", *times)
	if *loud {
		greeting = strings.ToUpper(greeting)
	}
	fmt.Fprintf(stdout, "flag: %q, positional %q\n", strings.TrimSpace(greeting), greet.Args())

	// Bad input is an error, not a crash (ContinueOnError; usage goes to fs.Output()).
	fs2 := flag.NewFlagSet("strict", flag.ContinueOnError)
	fs2.SetOutput(io.Discard)
	fs2.Int("n", 1, "count")
	fmt.Fprintln(stdout, "flag error:", fs2.Parse([]string{"-n", "many"}))

	// regexp uses RE2 syntax: no backreferences, but guaranteed linear time,
	// so untrusted patterns cannot hang the program. MustCompile panics on a
	// bad pattern - fine for constants; use Compile for user input.
	logLine := regexp.MustCompile(`(?P<level>[A-Z]+) (?P<code>\d{3}) (?P<path>/\S*)`)
	text := "INFO 200 /index.html\nWARN 404 /missing\nINFO 500 /api/v1"
	for _, m := range logLine.FindAllStringSubmatch(text, -1) {
		fmt.Fprintf(stdout, "regexp: level=%s code=%s path=%s\n",
			m[logLine.SubexpIndex("level")], m[logLine.SubexpIndex("code")], m[logLine.SubexpIndex("path")])
	}
	fmt.Fprintln(stdout, "regexp:", regexp.MustCompile(`\d+`).ReplaceAllString("a1b22c333", "#"))
	for _, pattern := range []string{`^v\d+$`, `(unclosed`} { // e.g. from user input
		if re, err := regexp.Compile(pattern); err != nil {
			fmt.Fprintln(stdout, "regexp error:", err)
		} else {
			fmt.Fprintln(stdout, "regexp:", pattern, "matches v42:", re.MatchString("v42"))
		}
	}

	// net/url parses and builds URLs; Query() decodes the query string and
	// Encode() escapes it again (sorted by key).
	u, err := url.Parse("https://user@example.com:8443/search/go%20lang?q=cloud+go&page=2#top")
	if err != nil {
		return fmt.Errorf("parse url: %w", err)
	}
	fmt.Fprintf(stdout, "url: scheme=%s host=%s port=%s path=%q fragment=%s user=%s\n",
		u.Scheme, u.Hostname(), u.Port(), u.Path, u.Fragment, u.User.Username())
	q := u.Query()
	fmt.Fprintf(stdout, "url: q=%q page=%q\n", q.Get("q"), q.Get("page"))
	q.Set("page", "3")
	q.Add("tag", "a&b")
	u.RawQuery = q.Encode()
	fmt.Fprintln(stdout, "url:", u)
	fmt.Fprintln(stdout, "url:", u.JoinPath("..", "docs"))

	// base64: StdEncoding for MIME-style data, URLEncoding when the result
	// goes into a URL or file name (- and _ instead of + and /).
	data := []byte("cloud?go>")
	std := base64.StdEncoding.EncodeToString(data)
	fmt.Fprintln(stdout, "base64:", std, base64.URLEncoding.EncodeToString(data))
	decoded, err := base64.StdEncoding.DecodeString(std)
	if err != nil {
		return fmt.Errorf("decode base64 %q: %w", std, err)
	}
	fmt.Fprintf(stdout, "base64: decoded %q\n", decoded)
	_, err = base64.StdEncoding.DecodeString("not base64!")
	fmt.Fprintln(stdout, "base64 error:", err)
	return nil
}

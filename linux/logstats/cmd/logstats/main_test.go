package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/linux/internal/cli"
	"example.com/cloudgo/linux/logstats"
)

func writeLog(t *testing.T, name string, lines int, gz bool) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var w io.Writer = f
	var z *gzip.Writer
	if gz {
		z = gzip.NewWriter(f)
		w = z
	}
	o := logstats.GenOptions{Lines: lines, Seed: 1, Start: time.Date(2026, 12, 5, 4, 0, 0, 0, time.UTC), Span: 3 * time.Minute, MalformedEvery: 100}
	if err := logstats.Generate(context.Background(), w, o); err != nil {
		t.Fatal(err)
	}
	if z != nil {
		z.Close()
	}
	return path
}

func TestFilesGzipAndStdin(t *testing.T) {
	plain := writeLog(t, "access.log", 1000, false)
	gz := writeLog(t, "access.log.1.gz", 1000, true)
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), []string{"-top", "3", plain, gz}, &stdout, &stderr); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	out := stdout.String()
	for _, s := range []string{
		"lines 2000  requests 1980  malformed 20  other records 0\n",
		"2026-12-05T04:00Z", "2026-12-05T04:02Z", "\ntop 3 paths\n", "\ntop 3 client addresses\n",
		"p50 ", "malformed lines (first 3 of 20)\nline 100: no [time]: \"garbage that is not a log line\"\n",
	} {
		if !strings.Contains(out, s) {
			t.Errorf("output lacks %q:\n%s", s, out)
		}
	}
	// Stdin ("-") gives the same report as the file.
	f, err := os.Open(plain)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	stdin = f
	defer func() { stdin = os.Stdin }()
	var fromStdin, fromFile bytes.Buffer
	if err := run(context.Background(), nil, &fromStdin, &stderr); err != nil {
		t.Fatal(err)
	}
	if err := run(context.Background(), []string{plain}, &fromFile, &stderr); err != nil {
		t.Fatal(err)
	}
	if fromStdin.String() != fromFile.String() {
		t.Errorf("stdin and file differ:\n%s\n---\n%s", fromStdin.String(), fromFile.String())
	}
}

func TestMissingFile(t *testing.T) {
	var stdout bytes.Buffer
	err := run(context.Background(), []string{"/nonexistent/access.log"}, &stdout, &bytes.Buffer{})
	if cli.Code(err) != 1 || err.Error() != "open /nonexistent/access.log: no such file or directory" || stdout.Len() > 0 {
		t.Errorf("err = %v (exit %d), stdout %q: want exit 1, one line naming the file, no report", err, cli.Code(err), stdout.String())
	}
	// A file that fails after others were read: their report, then the error.
	good := writeLog(t, "good.log", 10, false)
	stdout.Reset()
	err = run(context.Background(), []string{good, "/nonexistent/access.log"}, &stdout, &bytes.Buffer{})
	if cli.Code(err) != 1 || !strings.Contains(err.Error(), "covers the 10 lines") || !strings.HasPrefix(stdout.String(), "lines 10 ") {
		t.Errorf("err = %v, stdout:\n%s", err, stdout.String())
	}
}

// Interrupted (SIGINT cancels the context): the report so far, then exit 1.
func TestInterrupted(t *testing.T) {
	path := writeLog(t, "big.log", 50000, false)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout bytes.Buffer
	err := run(ctx, []string{path}, &stdout, &bytes.Buffer{})
	if cli.Code(err) != 1 || !strings.Contains(err.Error(), "context canceled") || !strings.Contains(stdout.String(), "lines ") {
		t.Errorf("err = %v, report:\n%s", err, stdout.String())
	}
}

func TestBadFlagValues(t *testing.T) {
	for _, args := range [][]string{{"-top", "0"}, {"-top", "-1"}, {"-top", "1001"}, {"-format", "xml"}, {"-top", "many"}} {
		var stderr bytes.Buffer
		err := run(context.Background(), args, &bytes.Buffer{}, &stderr)
		if cli.Code(err) != 2 || !strings.Contains(err.Error()+stderr.String(), args[0]) {
			t.Errorf("%v: err = %v (exit %d), want exit 2 naming the flag", args, err, cli.Code(err))
		}
	}
}

// Package solrconntest is what the Solr tests need on top of the service kit
// (example.com/cloudgo/internal/solrtest hands them a Solr): the examples' flags and
// a client for that server, and the checks every program must pass without a
// server (bad flag values, an unreachable address).
package solrconntest

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/solrtest"

	"example.com/cloudgo/search/internal/cli"
	"example.com/cloudgo/search/internal/solrconn"
)

// Args returns the flags that point an example at the tests' Solr and its core.
func Args(t *testing.T) []string {
	t.Helper()
	clearEnv(t)
	return []string{"-url", solrtest.URL(t), "-core", solrtest.Core}
}

// Client returns a client for the tests' Solr core, to check what an example did.
func Client(t testing.TB) *solrconn.Client {
	t.Helper()
	c := &solrconn.Client{URL: solrtest.URL(t), Core: solrtest.Core}
	if err := c.Check(); err != nil {
		t.Fatal(err)
	}
	if err := c.Ping(t.Context()); err != nil {
		t.Fatal(err)
	}
	return c
}

func clearEnv(t *testing.T) {
	t.Setenv("SOLR_URL", "")
	t.Setenv("SOLR_CORE", "")
}

// Run is an example's run function.
type Run func(ctx context.Context, args []string, stdout, stderr io.Writer) error

// Nowhere returns a Solr URL where nothing listens (a port the kernel just
// handed out and took back): connection refused at once.
func Nowhere(t testing.TB) string {
	t.Helper()
	return "http://127.0.0.1:" + kit.FreePort(t) + "/solr"
}

// BadFlags runs the program once per case (after -url Nowhere(t), so a value the
// program wrongly accepts fails with exit status 1 instead of reaching a server)
// and wants a usage error (exit status 2) naming the case's first flag, with nothing
// printed on stdout. -h must give exit status 0 and the usage text.
func BadFlags(t *testing.T, run Run, cases [][]string) {
	t.Helper()
	clearEnv(t)
	nowhere := Nowhere(t)
	for _, args := range append([][]string{{"-h"}}, cases...) {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
			defer cancel()
			var stdout, stderr bytes.Buffer
			err := run(ctx, append([]string{"-url", nowhere}, args...), &stdout, &stderr)
			if args[0] == "-h" {
				if cli.Code(err) != 0 || !strings.Contains(stderr.String(), "-url") {
					t.Fatalf("-h: exit status %d (%v), usage:\n%s", cli.Code(err), err, stderr.String())
				}
				return
			}
			if cli.Code(err) != 2 {
				t.Fatalf("exit status %d (err %v), want 2", cli.Code(err), err)
			}
			name, _, _ := strings.Cut(strings.TrimLeft(args[0], "-"), "=")
			if msg := err.Error() + stderr.String(); !strings.Contains(msg, name) {
				t.Errorf("message does not name %s: %v / %s", args[0], err, stderr.String())
			}
			if stdout.Len() > 0 {
				t.Errorf("printed results before rejecting the flags:\n%s", stdout.String())
			}
		})
	}
}

// Unreachable runs the program against Nowhere(t) (-url) and wants exit status 1 with
// one line that names the address and says how to start Solr.
func Unreachable(t *testing.T, run Run, args ...string) {
	t.Helper()
	UnreachableFlag(t, run, "-url", args...)
}

// UnreachableFlag is Unreachable for a program whose Solr URL flag is urlFlag.
func UnreachableFlag(t *testing.T, run Run, urlFlag string, args ...string) {
	t.Helper()
	clearEnv(t)
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	var stdout, stderr bytes.Buffer
	nowhere := Nowhere(t)
	err := run(ctx, append(args, urlFlag, nowhere), &stdout, &stderr)
	if cli.Code(err) != 1 {
		t.Fatalf("exit status %d (err %v), want 1", cli.Code(err), err)
	}
	if msg := err.Error(); !strings.Contains(msg, "solr at "+nowhere+" unreachable (start it with `make up`)") || strings.Contains(msg, "\n") {
		t.Errorf("error %q: want one line naming %s and `make up`", msg, nowhere)
	}
}

// RunOK runs the program with args and returns its stdout, failing the test on an error.
func RunOK(t *testing.T, run Run, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if err := run(t.Context(), args, &stdout, &stderr); err != nil {
		t.Fatalf("run %v: %v\noutput:\n%s%s", args, err, stdout.String(), stderr.String())
	}
	return stdout.String()
}

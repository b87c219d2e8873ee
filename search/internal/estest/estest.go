// Package estest is what the search tests need on top of the service kit
// (example.com/cloudgo/internal/elastictest hands them a cluster): the examples'
// connection settings and flags for that cluster, a typed client to check what an
// example did, index names of the test's own, and the checks every program must
// pass without a cluster (bad flag values, an unreachable address).
package estest

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/internal/elastictest"
	"example.com/cloudgo/internal/kit"
	"github.com/elastic/go-elasticsearch/v8"

	"example.com/cloudgo/search/internal/cli"
	"example.com/cloudgo/search/internal/esconn"
)

// Config returns the examples' connection settings for c. The CA certificate is
// written to a file of the test's, since that is how the examples take it.
func Config(t testing.TB, c elastictest.Cluster) esconn.Config {
	t.Helper()
	cfg := esconn.Config{URL: c.URL, Username: c.Username, Password: c.Password}
	if c.CACert != nil {
		cfg.CACertFile = filepath.Join(t.TempDir(), "http_ca.crt")
		if err := os.WriteFile(cfg.CACertFile, c.CACert, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return cfg
}

// Args returns the command-line flags that point an example at c, and sets
// ELASTIC_PASSWORD for the test, because the examples read the password only from
// the environment (so such a test cannot run in parallel).
func Args(t *testing.T, c elastictest.Cluster) []string {
	t.Helper()
	cfg := Config(t, c)
	clearEnv(t)
	t.Setenv("ELASTIC_PASSWORD", cfg.Password)
	args := []string{"-url", cfg.URL, "-user", cfg.Username}
	if cfg.CACertFile != "" {
		args = append(args, "-ca-cert", cfg.CACertFile)
	}
	return args
}

// clearEnv unsets, for the test, the variables the examples' flags fall back to.
func clearEnv(t *testing.T) {
	for _, k := range []string{"ELASTICSEARCH_URL", "ELASTIC_USER", "ELASTIC_PASSWORD", "ELASTIC_CA_CERT", "ELASTIC_CA_FINGERPRINT"} {
		t.Setenv(k, "")
	}
}

// Client returns a typed client for c, for tests that check what an example did.
func Client(t testing.TB, c elastictest.Cluster) *elasticsearch.TypedClient {
	t.Helper()
	cfg := Config(t, c)
	es, err := cfg.Connect(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return es
}

// IndexName returns an index name of the test's own (kit.Name: "test-…-<random>")
// and deletes that index when the test ends, so tests never collide and leave
// nothing behind on a cluster they share.
func IndexName(t testing.TB, es *elasticsearch.TypedClient, what string) string {
	t.Helper()
	name := kit.Name(t, what, "-", 255)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if ok, err := es.Indices.Exists(name).IsSuccess(ctx); err == nil && ok {
			if _, err := es.Indices.Delete(name).Do(ctx); err != nil {
				t.Errorf("delete index %s: %v", name, err)
			}
		}
	})
	return name
}

// Run is an example's run function.
type Run func(ctx context.Context, args []string, stdout, stderr io.Writer) error

// Nowhere is an address where nothing listens: connection refused at once.
const Nowhere = "http://127.0.0.1:1"

// BadFlags runs the program once per case and wants a usage error (exit status 2)
// within a few seconds, and a message on stderr or in the error naming the flag
// (the case's first argument). Each case runs with -url Nowhere first, so that a
// value the program wrongly accepts fails with exit status 1 instead of reaching a
// cluster. -h must give exit status 0 and the usage text.
func BadFlags(t *testing.T, run Run, cases [][]string) {
	t.Helper()
	clearEnv(t)
	for _, args := range append([][]string{{"-h"}}, cases...) {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
			defer cancel()
			var stdout, stderr bytes.Buffer
			err := run(ctx, append([]string{"-url", Nowhere}, args...), &stdout, &stderr)
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

// Unreachable runs the program against Nowhere and wants exit status 1 with one
// line that names the address and says how to start the cluster.
func Unreachable(t *testing.T, run Run, args ...string) {
	t.Helper()
	clearEnv(t)
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	var stdout, stderr bytes.Buffer
	err := run(ctx, append([]string{"-url", Nowhere}, args...), &stdout, &stderr)
	if cli.Code(err) != 1 {
		t.Fatalf("exit status %d (err %v), want 1", cli.Code(err), err)
	}
	msg := err.Error()
	if !strings.Contains(msg, Nowhere+" unreachable (start it with `make up`)") || strings.Contains(msg, "\n") {
		t.Errorf("error %q: want one line naming %s and `make up`", msg, Nowhere)
	}
}

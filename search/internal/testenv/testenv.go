// Package testenv hands the search tests the Elasticsearch cluster they talk to.
//
// In this order:
//
//  1. If CLOUDGO_TEST_ELASTICSEARCH_URL is set, that cluster is used and nothing is
//     started (with CLOUDGO_TEST_ELASTICSEARCH_PASSWORD and, for a private CA,
//     CLOUDGO_TEST_ELASTICSEARCH_CA_CERT naming its PEM file).
//  2. Otherwise the pinned official image is started with the testcontainers-go
//     Elasticsearch module, once per test package, security on as the module
//     configures it: a password of our choosing and the CA certificate the server
//     generated, which the clients verify. Main terminates it at the end.
//  3. Without Docker the test is skipped with a hint saying how to run it, unless
//     CLOUDGO_REQUIRE_SERVICES=1 (CI sets it): then it fails, so a green run never hides
//     a service that was not tested.
//
// Tests never touch a cluster that was not handed to them explicitly, and they create
// and delete only indices whose names start with "cloudgo-test-".
package testenv

import (
	"context"
	"crypto/rand"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/elastic/go-elasticsearch/v8"
	"github.com/testcontainers/testcontainers-go"
	tces "github.com/testcontainers/testcontainers-go/modules/elasticsearch"

	"example.com/cloudgo/search/esconn"
)

// ElasticsearchImage is the image the tests pin. compose.yaml and .ci/images list the same reference.
const ElasticsearchImage = "docker.elastic.co/elasticsearch/elasticsearch:8.19.25"

// startTimeout bounds pulling (or finding) the image and waiting for the cluster to answer.
const startTimeout = 3 * time.Minute

var (
	mu      sync.Mutex
	started []testcontainers.Container // shared containers, terminated by Main
)

// Main runs the package's tests, then terminates the shared containers they started.
// Use it from TestMain:
//
//	func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }
func Main(m *testing.M) int {
	code := m.Run()
	mu.Lock()
	defer mu.Unlock()
	for _, c := range started {
		if err := testcontainers.TerminateContainer(c); err != nil {
			fmt.Fprintln(os.Stderr, "testenv: terminate container:", err)
		}
	}
	started = nil
	return code
}

// Elastic is how to reach and trust the cluster under test.
type Elastic struct {
	URL      string
	Password string // for the built-in user "elastic"; "" when security is off
	CACert   []byte // PEM; nil to trust the system's roots
}

// Elasticsearch returns the cluster for the tests: $CLOUDGO_TEST_ELASTICSEARCH_URL or
// a container shared by the package.
func Elasticsearch(t testing.TB) Elastic {
	t.Helper()
	if url := os.Getenv("CLOUDGO_TEST_ELASTICSEARCH_URL"); url != "" {
		e := Elastic{URL: url, Password: os.Getenv("CLOUDGO_TEST_ELASTICSEARCH_PASSWORD")}
		if f := os.Getenv("CLOUDGO_TEST_ELASTICSEARCH_CA_CERT"); f != "" {
			pem, err := os.ReadFile(f)
			if err != nil {
				t.Fatalf("CLOUDGO_TEST_ELASTICSEARCH_CA_CERT: %v", err)
			}
			e.CACert = pem
		}
		return e
	}
	RequireDocker(t)
	shared.once.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
		defer cancel()
		// A fresh random password per run: nothing secret is written down anywhere.
		password := "test-" + rand.Text()
		var c *tces.ElasticsearchContainer
		err := retryReaper(func() error {
			var err error
			c, err = tces.Run(ctx, ElasticsearchImage, tces.WithPassword(password))
			keep(c)
			return err
		})
		if err != nil {
			shared.err = err
			return
		}
		shared.es = Elastic{URL: c.Settings.Address, Password: c.Settings.Password, CACert: c.Settings.CACert}
	})
	if shared.err != nil {
		t.Fatalf("start %s: %v", ElasticsearchImage, shared.err)
	}
	return shared.es
}

var shared struct {
	once sync.Once
	es   Elastic
	err  error
}

// Config returns the examples' connection settings for e. The CA certificate is
// written to a file of the test's, since that is how the examples take it.
func (e Elastic) Config(t testing.TB) esconn.Config {
	t.Helper()
	cfg := esconn.Config{URL: e.URL, Username: "elastic", Password: e.Password}
	if e.CACert != nil {
		cfg.CACertFile = filepath.Join(t.TempDir(), "http_ca.crt")
		if err := os.WriteFile(cfg.CACertFile, e.CACert, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return cfg
}

// Args returns the command-line flags that point an example at e, and sets
// ELASTIC_PASSWORD for the test, because the examples read the password only from
// the environment (so such a test cannot run in parallel).
func (e Elastic) Args(t *testing.T) []string {
	t.Helper()
	cfg := e.Config(t)
	t.Setenv("ELASTIC_PASSWORD", cfg.Password)
	t.Setenv("ELASTIC_CA_FINGERPRINT", "")
	args := []string{"-url", cfg.URL, "-user", cfg.Username}
	if cfg.CACertFile != "" {
		args = append(args, "-ca-cert", cfg.CACertFile)
	}
	return args
}

// Client returns a typed client for e, for tests that check what an example did.
func (e Elastic) Client(t testing.TB) *elasticsearch.TypedClient {
	t.Helper()
	cfg := e.Config(t)
	es, err := cfg.Connect(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return es
}

// IndexName returns an index name of the test's own, "cloudgo-test-<base>-<random>",
// and deletes that index when the test ends, so tests never collide and leave nothing
// behind.
func IndexName(t testing.TB, es *elasticsearch.TypedClient, base string) string {
	t.Helper()
	name := "cloudgo-test-" + base + "-" + strings.ToLower(rand.Text()[:8])
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

// RequireDocker skips the test (or fails it under CLOUDGO_REQUIRE_SERVICES=1) when no
// Docker engine answers.
func RequireDocker(t testing.TB) {
	t.Helper()
	dockerOnce.Do(func() { dockerErr = dockerHealth() })
	if dockerErr == nil {
		return
	}
	msg := fmt.Sprintf("no Docker engine (%v): start Docker and rerun `make test`, "+
		"or point the tests at your own cluster with CLOUDGO_TEST_ELASTICSEARCH_URL (see README.md)", dockerErr)
	if os.Getenv("CLOUDGO_REQUIRE_SERVICES") == "1" {
		t.Fatal("CLOUDGO_REQUIRE_SERVICES=1: " + msg)
	}
	t.Skip(msg)
}

var (
	dockerOnce sync.Once
	dockerErr  error
)

func dockerHealth() (err error) {
	// The provider panics in some broken setups instead of returning an error.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	p, err := testcontainers.ProviderDefault.GetProvider()
	if err != nil {
		return err
	}
	defer p.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return p.Health(ctx)
}

// keep hands c to Main to terminate, also when its start failed half-way.
func keep(c testcontainers.Container) {
	if c == nil || reflect.ValueOf(c).IsNil() {
		return
	}
	mu.Lock()
	defer mu.Unlock()
	started = append(started, c)
}

// retryReaper runs start once more when it failed because the session's reaper (Ryuk)
// was going away just as this package found it: the reaper of the previous test
// package stops after that package's last container, and the next package may find
// it "removing", or see its new container removed with the old reaper's session
// ("marked for removal"; testcontainers-go issue #3867). The second try gets a fresh
// reaper. Any other error is returned at once.
func retryReaper(start func() error) error {
	err := start()
	if err != nil && (strings.Contains(err.Error(), "reaper") || strings.Contains(err.Error(), "marked for removal")) {
		time.Sleep(2 * time.Second)
		err = start()
	}
	return err
}

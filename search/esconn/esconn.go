// Package esconn connects the search examples to Elasticsearch the same way every
// time: an address, the built-in elastic user's password, and how to trust the
// server's certificate.
//
// The password comes only from the environment (ELASTIC_PASSWORD), never from a flag:
// command lines are visible to every user of the machine in ps.
package esconn

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"time"

	"github.com/elastic/go-elasticsearch/v8"
	"github.com/elastic/go-elasticsearch/v8/typedapi/types"
)

// DefaultURL is where `make up` publishes the development container (security off,
// plain HTTP, bound to 127.0.0.1 only; see the README).
const DefaultURL = "http://127.0.0.1:9200"

// Config says how to reach and trust one Elasticsearch cluster.
type Config struct {
	URL         string // https://host:9200 for a secured cluster
	Username    string // built-in superuser "elastic" unless told otherwise
	Password    string // from $ELASTIC_PASSWORD; empty means no authentication
	CACertFile  string // PEM file of the CA that signed the HTTP certificate (config/certs/http_ca.crt)
	Fingerprint string // or: SHA-256 hex fingerprint of that CA, as printed on the first start
}

// RegisterFlags adds -url, -user, -ca-cert and -ca-fingerprint to fs, with defaults
// from ELASTICSEARCH_URL, ELASTIC_USER, ELASTIC_CA_CERT and ELASTIC_CA_FINGERPRINT,
// and takes the password from ELASTIC_PASSWORD.
func (c *Config) RegisterFlags(fs *flag.FlagSet) {
	fs.StringVar(&c.URL, "url", envOr("ELASTICSEARCH_URL", DefaultURL), "Elasticsearch URL (env ELASTICSEARCH_URL)")
	fs.StringVar(&c.Username, "user", envOr("ELASTIC_USER", "elastic"), "user for basic authentication (env ELASTIC_USER; password from ELASTIC_PASSWORD)")
	fs.StringVar(&c.CACertFile, "ca-cert", os.Getenv("ELASTIC_CA_CERT"), "PEM file of the cluster's CA, e.g. http_ca.crt (env ELASTIC_CA_CERT)")
	fs.StringVar(&c.Fingerprint, "ca-fingerprint", os.Getenv("ELASTIC_CA_FINGERPRINT"), "SHA-256 hex fingerprint of the cluster's CA (env ELASTIC_CA_FINGERPRINT)")
	c.Password = os.Getenv("ELASTIC_PASSWORD")
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

// clientConfig turns c into the client's configuration. Certificates are always
// verified: against the given CA, the pinned fingerprint, or the system's roots.
func (c Config) clientConfig() (elasticsearch.Config, error) {
	cfg := elasticsearch.Config{
		Addresses:              []string{c.URL},
		CertificateFingerprint: c.Fingerprint,
		// One quick retry is enough for an example; a server that is down stays down.
		MaxRetries: 1,
	}
	if c.Password != "" {
		cfg.Username, cfg.Password = c.Username, c.Password
	}
	if c.CACertFile != "" {
		pem, err := os.ReadFile(c.CACertFile)
		if err != nil {
			return cfg, fmt.Errorf("read CA certificate: %w", err)
		}
		cfg.CACert = pem
	}
	return cfg, nil
}

// Clients returns the low-level client (esapi: one Go function per REST endpoint,
// you build bodies and decode responses yourself) and the typed client built on the
// same connection (Go types for every request and response). Both are cheap to share
// and safe for concurrent use.
func (c Config) Clients() (*elasticsearch.Client, *elasticsearch.TypedClient, error) {
	cfg, err := c.clientConfig()
	if err != nil {
		return nil, nil, err
	}
	low, err := elasticsearch.NewClient(cfg)
	if err != nil {
		return nil, nil, fmt.Errorf("elasticsearch client for %s: %w", c.URL, err)
	}
	return low, elasticsearch.NewTypedFrom(low), nil
}

// Connect returns a typed client after checking, within 10 s, that the cluster answers.
// Failing here with one clear line beats failing later in the middle of an example.
func (c Config) Connect(ctx context.Context) (*elasticsearch.TypedClient, error) {
	_, typed, err := c.Clients()
	if err != nil {
		return nil, err
	}
	return typed, c.Ping(ctx, typed)
}

// Ping asks the cluster for its info document and explains the usual failures.
func (c Config) Ping(ctx context.Context, es *elasticsearch.TypedClient) error {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	_, err := es.Info().Do(ctx)
	var esErr *types.ElasticsearchError
	var netErr net.Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &esErr) && esErr.Status == 401:
		return fmt.Errorf("elasticsearch at %s: authentication failed (set ELASTIC_PASSWORD for user %q)", c.URL, c.Username)
	case errors.As(err, &netErr):
		return fmt.Errorf("elasticsearch at %s unreachable (start it with `make up`): %w", c.URL, err)
	default:
		return fmt.Errorf("elasticsearch at %s: %w", c.URL, err)
	}
}

// Status returns the HTTP status of an Elasticsearch error response, 0 for other errors.
func Status(err error) int {
	if esErr, ok := errors.AsType[*types.ElasticsearchError](err); ok {
		return esErr.Status
	}
	return 0
}

// ErrorType returns the error type Elasticsearch named (e.g.
// "version_conflict_engine_exception"), "" for other errors.
func ErrorType(err error) string {
	if esErr, ok := errors.AsType[*types.ElasticsearchError](err); ok {
		return esErr.ErrorCause.Type
	}
	return ""
}

// Package esconn connects the search examples to Elasticsearch the same way every
// time: an address, the built-in elastic user's password, and how to trust the
// server's certificate.
//
// The password comes only from the environment (ELASTIC_PASSWORD), never from a flag:
// command lines are visible to every user of the machine in ps.
package esconn

import (
	"context"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/elastic/go-elasticsearch/v8"
	"github.com/elastic/go-elasticsearch/v8/typedapi/types"

	"example.com/cloudgo/search/internal/cli"
)

// DefaultURL is where `make up` publishes the development container (security off,
// plain HTTP, bound to 127.0.0.1 only; see the README).
const DefaultURL = "http://127.0.0.1:9200"

// PingTimeout bounds the first request, which checks that the cluster answers.
const PingTimeout = 10 * time.Second

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
	fs.StringVar(&c.URL, "url", cli.Env("ELASTICSEARCH_URL", DefaultURL), "Elasticsearch URL (env ELASTICSEARCH_URL)")
	fs.StringVar(&c.Username, "user", cli.Env("ELASTIC_USER", "elastic"), "user for basic authentication (env ELASTIC_USER; password from ELASTIC_PASSWORD)")
	fs.StringVar(&c.CACertFile, "ca-cert", os.Getenv("ELASTIC_CA_CERT"), "PEM file of the cluster's CA, e.g. http_ca.crt (env ELASTIC_CA_CERT)")
	fs.StringVar(&c.Fingerprint, "ca-fingerprint", os.Getenv("ELASTIC_CA_FINGERPRINT"), "SHA-256 hex fingerprint of the cluster's CA (env ELASTIC_CA_FINGERPRINT)")
	c.Password = os.Getenv("ELASTIC_PASSWORD")
}

// Check rejects settings that cannot work, as a usage error (exit status 2): a URL
// that is not http(s)://host[:port], a fingerprint that is not 64 hex digits, or
// both a CA file and a fingerprint.
func (c Config) Check() error {
	u, err := url.Parse(c.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return cli.Usagef("-url %q: want http://host:port or https://host:port", c.URL)
	}
	if c.Fingerprint != "" {
		if b, err := hex.DecodeString(c.Fingerprint); err != nil || len(b) != 32 {
			return cli.Usagef("-ca-fingerprint: want the CA's SHA-256 as 64 hex digits without colons, got %q", c.Fingerprint)
		}
		if c.CACertFile != "" {
			return cli.Usagef("-ca-cert and -ca-fingerprint: give one of them, not both")
		}
	}
	return nil
}

// Addr is the cluster's URL for messages, with any password in it masked.
func (c Config) Addr() string {
	if u, err := url.Parse(c.URL); err == nil {
		return u.Redacted()
	}
	return c.URL
}

// Errorf wraps err with the cluster's address: "elasticsearch at URL: …".
func (c Config) Errorf(err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("elasticsearch at %s: %w", c.Addr(), err)
}

// CheckIndex rejects an index name Elasticsearch would refuse, as a usage error for
// the flag named flagName: empty, upper case, a leading - _ +, . or .., one of
// \ / * ? " < > | , # : or a space, or more than 255 bytes.
func CheckIndex(flagName, name string) error {
	switch {
	case name == "", name == ".", name == "..":
		return cli.Usagef("-%s %q: want an index name", flagName, name)
	case len(name) > 255:
		return cli.Usagef("-%s: index name longer than 255 bytes", flagName)
	case strings.ToLower(name) != name:
		return cli.Usagef("-%s %q: index names are lower case", flagName, name)
	case strings.ContainsAny(name[:1], "-_+"):
		return cli.Usagef("-%s %q: an index name cannot start with %q", flagName, name, name[:1])
	case strings.ContainsAny(name, `\/*?"<>|,#: `):
		return cli.Usagef("-%s %q: an index name cannot contain \\ / * ? \" < > | , # : or a space", flagName, name)
	}
	return nil
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
		return nil, nil, fmt.Errorf("elasticsearch client for %s: %w", c.Addr(), err)
	}
	return low, elasticsearch.NewTypedFrom(low), nil
}

// Connect returns a typed client after checking, within PingTimeout, that the
// cluster answers. Failing here with one clear line beats failing later in the
// middle of an example.
func (c Config) Connect(ctx context.Context) (*elasticsearch.TypedClient, error) {
	_, typed, err := c.Clients()
	if err != nil {
		return nil, err
	}
	return typed, c.Ping(ctx, typed)
}

// Ping asks the cluster for its info document, within PingTimeout, and explains the
// usual failures.
func (c Config) Ping(ctx context.Context, es *elasticsearch.TypedClient) error {
	ctx, cancel := context.WithTimeout(ctx, PingTimeout)
	defer cancel()
	_, err := es.Info().Do(ctx)
	var esErr *types.ElasticsearchError
	var netErr net.Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &esErr) && esErr.Status == 401:
		return fmt.Errorf("elasticsearch at %s: authentication failed (set ELASTIC_PASSWORD for user %q)", c.Addr(), c.Username)
	case errors.As(err, &netErr), errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("elasticsearch at %s unreachable (start it with `make up`): %w", c.Addr(), err)
	default:
		return fmt.Errorf("elasticsearch at %s: %w", c.Addr(), err)
	}
}

// Want returns nil when err is the error response with the given status that an
// example expects from the cluster (a 409 for a stale write, a 400 for a mapping
// violation), and an error saying what happened instead: the request succeeded or
// failed some other way.
func Want(status int, err error, what string) error {
	switch {
	case err == nil:
		return fmt.Errorf("%s: accepted, want %d", what, status)
	case Status(err) != status:
		return fmt.Errorf("%s: %w (want %d)", what, err, status)
	}
	return nil
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

// Package elastictest hands tests an Elasticsearch cluster with security on:
// $CLOUDGO_TEST_ELASTICSEARCH_URL (with _PASSWORD and _CA_CERT, a PEM file), else
// the pinned image started once per test package with the testcontainers-go
// Elasticsearch module and a fresh random password (see package kit).
package elastictest

import (
	"context"
	"crypto/rand"
	"os"
	"testing"

	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/pins"
	"github.com/testcontainers/testcontainers-go"
	tces "github.com/testcontainers/testcontainers-go/modules/elasticsearch"
)

// Image is the Elasticsearch image the tests and compose.yaml pin.
const Image = pins.Elasticsearch

// Cluster is how to reach and trust the cluster under test.
type Cluster struct {
	URL      string
	Username string // "elastic", the built-in superuser
	Password string // "" when security is off
	CACert   []byte // PEM; nil to trust the system's roots
}

// Run starts the pinned image with the testcontainers-go module.
func Run(ctx context.Context, opts ...testcontainers.ContainerCustomizer) (*tces.ElasticsearchContainer, error) {
	return tces.Run(ctx, Image, opts...)
}

var shared kit.Shared[Cluster]

// Elasticsearch returns the cluster for the tests.
func Elasticsearch(t testing.TB) Cluster {
	t.Helper()
	if url, ok := kit.Endpoint("CLOUDGO_TEST_ELASTICSEARCH_URL"); ok {
		c := Cluster{URL: url, Username: "elastic", Password: os.Getenv("CLOUDGO_TEST_ELASTICSEARCH_PASSWORD")}
		if f := os.Getenv("CLOUDGO_TEST_ELASTICSEARCH_CA_CERT"); f != "" {
			pem, err := os.ReadFile(f)
			if err != nil {
				t.Fatalf("CLOUDGO_TEST_ELASTICSEARCH_CA_CERT: %v", err)
			}
			c.CACert = pem
		}
		return c
	}
	return shared.Get(t, Image, func(ctx context.Context) (testcontainers.Container, Cluster, error) {
		// A fresh random password per run: nothing secret is written down anywhere.
		c, err := Run(ctx, tces.WithPassword("test-"+rand.Text()))
		if err != nil {
			return c, Cluster{}, err
		}
		return c, Cluster{URL: c.Settings.Address, Username: "elastic", Password: c.Settings.Password, CACert: c.Settings.CACert}, nil
	})
}

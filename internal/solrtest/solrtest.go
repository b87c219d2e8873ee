// Package solrtest hands tests an Apache Solr base URL (http://host:port/solr):
// $CLOUDGO_TEST_SOLR_URL, else the pinned Solr image started once per test package
// (see package kit). testcontainers-go has no Solr module, so this is a generic
// container running the image's `solr-precreate <core>`, which makes Core from the
// _default configset (what compose.yaml runs for `make up`).
//
// The server is standalone Solr (no SolrCloud, no ZooKeeper). There, cores cannot be
// created from the _default configset over HTTP (the Core Admin API looks for
// configsets under the Solr home, and the image keeps them in
// /opt/solr/server/solr/configsets), so every test of a package uses Core of its
// package's container. With CLOUDGO_TEST_SOLR_URL set, all packages share that
// server's Core: run them one package at a time (`go test -p 1`).
package solrtest

import (
	"context"
	"testing"
	"time"

	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/pins"
	"github.com/testcontainers/testcontainers-go"
	"github.com/testcontainers/testcontainers-go/wait"
)

// Image is the Solr image the tests and compose.yaml pin.
const Image = pins.Solr

// Core is the core Run precreates, the one compose.yaml precreates too.
const Core = "articles"

// Run starts the pinned image with `solr-precreate Core` and waits until the core
// answers its ping (/solr/<core>/admin/ping), i.e. Jetty listens and the core loaded.
func Run(ctx context.Context, opts ...testcontainers.ContainerCustomizer) (testcontainers.Container, error) {
	return testcontainers.Run(ctx, Image, append([]testcontainers.ContainerCustomizer{
		testcontainers.WithExposedPorts("8983/tcp"),
		testcontainers.WithCmd("solr-precreate", Core),
		// A JVM start takes 5-20 s; ForHTTP wants 200 OK.
		testcontainers.WithWaitStrategyAndDeadline(2*time.Minute,
			wait.ForHTTP("/solr/"+Core+"/admin/ping").WithPort("8983/tcp")),
	}, opts...)...)
}

var shared kit.Shared[string]

// URL returns Solr's base URL for the tests, http://host:port/solr, with Core on it.
func URL(t testing.TB) string {
	t.Helper()
	if url, ok := kit.Endpoint("CLOUDGO_TEST_SOLR_URL"); ok {
		return url
	}
	return shared.Get(t, Image, func(ctx context.Context) (testcontainers.Container, string, error) {
		c, err := Run(ctx)
		if err != nil {
			return c, "", err
		}
		addr, err := c.PortEndpoint(ctx, "8983/tcp", "http")
		return c, addr + "/solr", err
	})
}

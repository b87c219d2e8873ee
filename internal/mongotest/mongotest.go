// Package mongotest hands tests a MongoDB URI: $CLOUDGO_TEST_MONGODB_URL, else the
// pinned MongoDB image started once per test package with the testcontainers-go
// MongoDB module (see package kit).
//
// The server is a standalone mongod: what a reader's `docker run mongo` gives. A test
// that needs a replica set (transactions, change streams) starts its own with
// Run(ctx, tcmongo.WithReplicaSet("rs0")) and kit.Own, or is pointed at one with
// CLOUDGO_TEST_MONGODB_URL.
package mongotest

import (
	"context"
	"testing"

	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/pins"
	"github.com/testcontainers/testcontainers-go"
	tcmongo "github.com/testcontainers/testcontainers-go/modules/mongodb"
)

// Image is the MongoDB image the tests and compose.yaml pin.
const Image = pins.Mongo

// Run starts the pinned image with the testcontainers-go module (a wait on
// "Waiting for connections").
func Run(ctx context.Context, opts ...testcontainers.ContainerCustomizer) (*tcmongo.MongoDBContainer, error) {
	return tcmongo.Run(ctx, Image, opts...)
}

var shared kit.Shared[string]

// URL returns a mongodb:// URI for the tests' server.
func URL(t testing.TB) string {
	t.Helper()
	if url, ok := kit.Endpoint("CLOUDGO_TEST_MONGODB_URL"); ok {
		return url
	}
	return shared.Get(t, Image, func(ctx context.Context) (testcontainers.Container, string, error) {
		c, err := Run(ctx)
		if err != nil {
			return c, "", err
		}
		url, err := c.ConnectionString(ctx)
		return c, url, err
	})
}

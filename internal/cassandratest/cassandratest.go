// Package cassandratest hands tests a Cassandra node: $CLOUDGO_TEST_CASSANDRA_ADDR,
// else the pinned image started once per test package with the testcontainers-go
// Cassandra module (see package kit).
package cassandratest

import (
	"context"
	"testing"

	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/pins"
	"github.com/testcontainers/testcontainers-go"
	tccassandra "github.com/testcontainers/testcontainers-go/modules/cassandra"
)

// Image is the Cassandra image the tests and compose.yaml pin.
const Image = pins.Cassandra

// Run starts the pinned Cassandra image with the testcontainers-go module.
func Run(ctx context.Context, opts ...testcontainers.ContainerCustomizer) (*tccassandra.CassandraContainer, error) {
	return tccassandra.Run(ctx, Image, opts...)
}

var shared kit.Shared[string]

// Addr returns the host:port of a Cassandra node for the tests.
func Addr(t testing.TB) string {
	t.Helper()
	if addr, ok := kit.Endpoint("CLOUDGO_TEST_CASSANDRA_ADDR"); ok {
		return addr
	}
	return shared.Get(t, Image, func(ctx context.Context) (testcontainers.Container, string, error) {
		c, err := Run(ctx)
		if err != nil {
			return c, "", err
		}
		addr, err := c.ConnectionHost(ctx)
		return c, addr, err
	})
}

// Keyspace returns a keyspace of the test's own: letters, digits and underscores,
// at most 48 characters, as Cassandra requires.
func Keyspace(t testing.TB) string {
	t.Helper()
	return kit.Name(t, "", "_", 48)
}

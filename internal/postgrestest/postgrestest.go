// Package postgrestest hands tests a PostgreSQL connection URL:
// $CLOUDGO_TEST_POSTGRES_URL, else the pinned PostgreSQL image started once per test
// package with the testcontainers-go postgres module (see package kit).
package postgrestest

import (
	"context"
	"testing"

	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/pins"
	"github.com/testcontainers/testcontainers-go"
	tcpostgres "github.com/testcontainers/testcontainers-go/modules/postgres"
)

// Image is the PostgreSQL image the tests and compose.yaml pin.
const Image = pins.Postgres

// Run starts the pinned image with the testcontainers-go module, waiting until the
// server accepts connections after its init phase (the module's basic strategies:
// the "ready" log line twice, then the port).
func Run(ctx context.Context, opts ...testcontainers.ContainerCustomizer) (*tcpostgres.PostgresContainer, error) {
	opts = append([]testcontainers.ContainerCustomizer{
		tcpostgres.WithDatabase("cloudgo"),
		tcpostgres.BasicWaitStrategies(),
	}, opts...)
	return tcpostgres.Run(ctx, Image, opts...)
}

var shared kit.Shared[string]

// URL returns a postgres:// URL (sslmode=disable: a local test container) for the
// tests' server.
func URL(t testing.TB) string {
	t.Helper()
	if url, ok := kit.Endpoint("CLOUDGO_TEST_POSTGRES_URL"); ok {
		return url
	}
	return shared.Get(t, Image, func(ctx context.Context) (testcontainers.Container, string, error) {
		c, err := Run(ctx)
		if err != nil {
			return c, "", err
		}
		url, err := c.ConnectionString(ctx, "sslmode=disable")
		return c, url, err
	})
}

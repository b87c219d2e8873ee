// Package memcachedtest hands tests a memcached server: $CLOUDGO_TEST_MEMCACHED_ADDR,
// else the pinned image started once per test package with the testcontainers-go
// memcached module (see package kit).
package memcachedtest

import (
	"context"
	"testing"

	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/pins"
	"github.com/testcontainers/testcontainers-go"
	tcmemcached "github.com/testcontainers/testcontainers-go/modules/memcached"
)

// Image is the memcached image the tests and compose.yaml pin.
const Image = pins.Memcached

// Run starts the pinned memcached image with the testcontainers-go module.
func Run(ctx context.Context, opts ...testcontainers.ContainerCustomizer) (*tcmemcached.Container, error) {
	return tcmemcached.Run(ctx, Image, opts...)
}

var shared kit.Shared[string]

// Addr returns the host:port of a memcached server for the tests.
func Addr(t testing.TB) string {
	t.Helper()
	if addr, ok := kit.Endpoint("CLOUDGO_TEST_MEMCACHED_ADDR"); ok {
		return addr
	}
	return shared.Get(t, Image, func(ctx context.Context) (testcontainers.Container, string, error) {
		c, err := Run(ctx)
		if err != nil {
			return c, "", err
		}
		addr, err := c.HostPort(ctx)
		return c, addr, err
	})
}

// Package redistest hands tests a Redis server: $CLOUDGO_TEST_REDIS_URL (or
// redis://$CLOUDGO_TEST_REDIS_ADDR), else the pinned image started once per test
// package with the testcontainers-go Redis module (see package kit).
package redistest

import (
	"context"
	"net/netip"
	"testing"

	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/pins"
	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/api/types/network"
	"github.com/testcontainers/testcontainers-go"
	tcredis "github.com/testcontainers/testcontainers-go/modules/redis"
)

// Image is the Redis image the tests and compose.yaml pin.
const Image = pins.Redis

var envNames = []string{"CLOUDGO_TEST_REDIS_URL", "CLOUDGO_TEST_REDIS_ADDR"}

// Run starts the pinned Redis image with the testcontainers-go module.
func Run(ctx context.Context, opts ...testcontainers.ContainerCustomizer) (*tcredis.RedisContainer, error) {
	return tcredis.Run(ctx, Image, opts...)
}

var shared kit.Shared[string]

// URL returns a redis:// URL for the tests.
func URL(t testing.TB) string {
	t.Helper()
	if url, ok := kit.Endpoint(envNames[0]); ok {
		return url
	}
	if addr, ok := kit.Endpoint(envNames[1]); ok {
		return "redis://" + addr
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

// Own starts a Redis container for this test alone (kit.Own), its port published
// on a fixed host port so the address survives Stop and Start, as a real server's
// name would.
func Own(t testing.TB, opts ...testcontainers.ContainerCustomizer) *tcredis.RedisContainer {
	t.Helper()
	return kit.Own(t, Image, envNames, func(ctx context.Context) (*tcredis.RedisContainer, error) {
		port := kit.FreePort(t)
		return Run(ctx, append(opts, testcontainers.WithHostConfigModifier(func(hc *container.HostConfig) {
			hc.PortBindings = network.PortMap{network.MustParsePort("6379/tcp"): {{HostIP: netip.MustParseAddr("127.0.0.1"), HostPort: port}}}
		}))...)
	})
}

// Prefix returns a key prefix of the test's own, "test-<test>-<random>:", so tests
// sharing a server never see each other's keys.
func Prefix(t testing.TB) string {
	return kit.Name(t, "", "-", 0) + ":"
}

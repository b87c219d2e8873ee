// Package registrytest hands tests a container image registry (the CNCF
// distribution registry, Docker's registry:2) speaking the HTTP API v2 without
// TLS or authentication: $CLOUDGO_TEST_REGISTRY_ADDR (host:port), else the pinned
// image started once per test package (see package kit). testcontainers-go has
// no registry module in the version pinned here, so it is a generic container
// waited for on GET /v2/ (200: the API is there and needs no token).
//
// The address is on 127.0.0.1: Docker pushes to and pulls from registries in
// 127.0.0.0/8 over plain HTTP without an insecure-registries entry.
package registrytest

import (
	"context"
	"net/http"
	"testing"

	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/pins"
	"github.com/testcontainers/testcontainers-go"
	"github.com/testcontainers/testcontainers-go/wait"
)

// Image is the registry image the tests and compose.yaml pin.
const Image = pins.Registry

// Run starts the pinned image (filesystem storage, port 5000) and waits until
// GET /v2/ answers 200.
func Run(ctx context.Context, opts ...testcontainers.ContainerCustomizer) (*testcontainers.DockerContainer, error) {
	return testcontainers.Run(ctx, Image, append([]testcontainers.ContainerCustomizer{
		testcontainers.WithExposedPorts("5000/tcp"),
		testcontainers.WithWaitStrategy(wait.ForHTTP("/v2/").WithPort("5000/tcp").
			WithStatusCodeMatcher(func(status int) bool { return status == http.StatusOK })),
	}, opts...)...)
}

var shared kit.Shared[string]

// Addr returns the registry's host:port, the form image references use
// (127.0.0.1:5000/cloudgo/webapp:v1).
func Addr(t testing.TB) string {
	t.Helper()
	if addr, ok := kit.Endpoint("CLOUDGO_TEST_REGISTRY_ADDR"); ok {
		return addr
	}
	return shared.Get(t, Image, func(ctx context.Context) (testcontainers.Container, string, error) {
		c, err := Run(ctx)
		if err != nil {
			return c, "", err
		}
		addr, err := c.PortEndpoint(ctx, "5000/tcp", "")
		return c, addr, err
	})
}

// URL returns the registry's base URL, http://host:port.
func URL(t testing.TB) string {
	t.Helper()
	return "http://" + Addr(t)
}

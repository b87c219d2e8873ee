// Package varnishtest hands tests a Varnish cache in front of an origin the test
// serves itself: $CLOUDGO_TEST_VARNISH_URL (with _PROXY_ADDR), else the pinned
// image with the test's VCL (see package kit). testcontainers-go has no Varnish
// module, so this is a generic container.
package varnishtest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/pins"
	"github.com/moby/moby/api/types/container"
	"github.com/testcontainers/testcontainers-go"
	"github.com/testcontainers/testcontainers-go/wait"
)

// Image is the Varnish image the tests and compose.yaml pin.
const Image = pins.Varnish

// Varnish is a running Varnish.
type Varnish struct {
	URL       string // http://host:port of the HTTP listener
	ProxyAddr string // host:port of the PROXY-protocol listener; "" if unknown
}

// Run starts the pinned image with the VCL file vclPath and a backend.vcl that
// points at originPort on the Docker host (the test process).
func Run(ctx context.Context, vclPath string, originPort int, opts ...testcontainers.ContainerCustomizer) (testcontainers.Container, error) {
	backend := fmt.Sprintf("backend default {\n    .host = \"host.docker.internal\";\n    .port = \"%d\";\n}\n", originPort)
	return testcontainers.Run(ctx, Image, append([]testcontainers.ContainerCustomizer{
		testcontainers.WithExposedPorts("80/tcp", "8443/tcp"),
		testcontainers.WithFiles(
			testcontainers.ContainerFile{HostFilePath: vclPath, ContainerFilePath: "/etc/varnish/default.vcl", FileMode: 0o644},
			testcontainers.ContainerFile{Reader: strings.NewReader(backend), ContainerFilePath: "/etc/varnish/backend.vcl", FileMode: 0o644},
		),
		testcontainers.WithHostConfigModifier(func(hc *container.HostConfig) {
			hc.ExtraHosts = append(hc.ExtraHosts, "host.docker.internal:host-gateway")
		}),
		testcontainers.WithWaitStrategy(wait.ForListeningPort("80/tcp"), wait.ForListeningPort("8443/tcp")),
	}, opts...)...)
}

var shared kit.Shared[Varnish]

// Start returns a Varnish for the tests. With CLOUDGO_TEST_VARNISH_URL set (e.g.
// http://127.0.0.1:6081 from `make up`) that server is used: its VCL must send
// requests to originPort on the host (compose.yaml: 8080), and
// CLOUDGO_TEST_VARNISH_PROXY_ADDR names its PROXY listener. Otherwise the container
// is started once per package (the origin is the package's).
func Start(t testing.TB, vclPath string, originPort int) Varnish {
	t.Helper()
	if url, ok := kit.Endpoint("CLOUDGO_TEST_VARNISH_URL"); ok {
		return Varnish{URL: url, ProxyAddr: kit.Env("CLOUDGO_TEST_VARNISH_PROXY_ADDR", "")}
	}
	return shared.Get(t, Image, func(ctx context.Context) (testcontainers.Container, Varnish, error) {
		c, err := Run(ctx, vclPath, originPort)
		if err != nil {
			return c, Varnish{}, err
		}
		httpAddr, err1 := c.PortEndpoint(ctx, "80/tcp", "http")
		proxyAddr, err2 := c.PortEndpoint(ctx, "8443/tcp", "")
		return c, Varnish{URL: httpAddr, ProxyAddr: proxyAddr}, errors.Join(err1, err2)
	})
}

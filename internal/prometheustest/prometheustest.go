// Package prometheustest hands tests a Prometheus server. A test that wants its
// own application scraped starts one of its own (Start): the pinned image with the
// scrape configuration (and rule files) the test passes in, and the name
// host.docker.internal mapped to the Docker host, so the container scrapes a
// server the test runs on the host. URL gives a server to query only:
// $CLOUDGO_TEST_PROMETHEUS_URL, else the pinned image with its own default
// configuration (it scrapes itself), started once per test package (see package kit).
//
// The test's server must listen where containers reach the host: on all
// interfaces ("0.0.0.0:0"), not only on loopback.
//
// CI runs Prometheus 2.42 under the pinned v3 tag (see .ci/images): tests use
// nothing newer than 2.42's HTTP API, PromQL and promtool.
package prometheustest

import (
	"context"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/pins"
	"github.com/moby/moby/api/types/container"
	"github.com/testcontainers/testcontainers-go"
	tcexec "github.com/testcontainers/testcontainers-go/exec"
	"github.com/testcontainers/testcontainers-go/wait"
)

// Image is the Prometheus image the tests and compose.yaml pin.
const Image = pins.Prometheus

// HostGateway is the name under which the container reaches the Docker host:
// put "HostGateway:PORT" in a scrape config's targets.
const HostGateway = "host.docker.internal"

// ConfigFile is where the image reads its configuration; files passed to Start
// with relative paths go into its directory.
const (
	ConfigFile = "/etc/prometheus/prometheus.yml"
	ConfigDir  = "/etc/prometheus"
)

// Container is a running Prometheus.
type Container struct {
	testcontainers.Container
	url string
}

// URL is the server's base URL on the host, e.g. http://127.0.0.1:32768.
func (c *Container) URL() string { return c.url }

// Promtool runs promtool inside the container with args and returns its combined
// output; a non-zero exit is an error that includes that output.
func (c *Container) Promtool(ctx context.Context, args ...string) (string, error) {
	code, r, err := c.Exec(ctx, append([]string{"promtool"}, args...), tcexec.Multiplexed())
	if err != nil {
		return "", fmt.Errorf("exec promtool %s: %w", strings.Join(args, " "), err)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		return "", fmt.Errorf("read promtool output: %w", err)
	}
	text := string(out)
	if code != 0 {
		return text, fmt.Errorf("promtool %s: exit %d:\n%s", strings.Join(args, " "), code, text)
	}
	return text, nil
}

// WithConfig installs config as the server's prometheus.yml.
func WithConfig(config string) testcontainers.CustomizeRequestOption {
	return WithFile(ConfigFile, config)
}

// WithFile copies content into the container at path (relative: under
// ConfigDir), e.g. a rule file the configuration names, before the server starts.
func WithFile(path, content string) testcontainers.CustomizeRequestOption {
	if !strings.HasPrefix(path, "/") {
		path = ConfigDir + "/" + path
	}
	return testcontainers.WithFiles(testcontainers.ContainerFile{
		Reader: strings.NewReader(content), ContainerFilePath: path, FileMode: 0o644,
	})
}

// Run starts the pinned image: port 9090, host.docker.internal mapped to the
// Docker host's gateway, and a wait on /-/ready. Without WithConfig the image's
// own configuration applies.
func Run(ctx context.Context, opts ...testcontainers.ContainerCustomizer) (*Container, error) {
	all := append([]testcontainers.ContainerCustomizer{
		testcontainers.WithExposedPorts("9090/tcp"),
		testcontainers.WithHostConfigModifier(func(hc *container.HostConfig) {
			hc.ExtraHosts = append(hc.ExtraHosts, HostGateway+":host-gateway")
		}),
		testcontainers.WithWaitStrategy(wait.ForHTTP("/-/ready").WithPort("9090/tcp").WithStartupTimeout(time.Minute)),
	}, opts...)
	c, err := testcontainers.Run(ctx, Image, all...)
	if c == nil {
		return nil, err
	}
	if err != nil {
		return &Container{Container: c}, err
	}
	url, err := c.PortEndpoint(ctx, "9090/tcp", "http")
	return &Container{Container: c, url: url}, err
}

// Start runs a Prometheus of the test's own with config as its prometheus.yml
// and files (name → content) beside it, and terminates it when the test ends.
// The test is skipped when $CLOUDGO_TEST_PROMETHEUS_URL is set (an external
// server cannot be handed the test's scrape targets).
func Start(t testing.TB, config string, files map[string]string) *Container {
	t.Helper()
	opts := []testcontainers.ContainerCustomizer{WithConfig(config)}
	for name, content := range files {
		opts = append(opts, WithFile(name, content))
	}
	return kit.Own(t, Image, []string{"CLOUDGO_TEST_PROMETHEUS_URL"}, func(ctx context.Context) (*Container, error) {
		return Run(ctx, opts...)
	})
}

var shared kit.Shared[string]

// URL returns the base URL of a Prometheus to query (it scrapes itself, job
// "prometheus"): $CLOUDGO_TEST_PROMETHEUS_URL, else the shared container.
func URL(t testing.TB) string {
	t.Helper()
	if url, ok := kit.Endpoint("CLOUDGO_TEST_PROMETHEUS_URL"); ok {
		return url
	}
	return shared.Get(t, Image, func(ctx context.Context) (testcontainers.Container, string, error) {
		c, err := Run(ctx)
		if err != nil {
			return c, "", err
		}
		return c, c.URL(), nil
	})
}

// Package rabbitmqtest hands tests a RabbitMQ broker: $CLOUDGO_TEST_RABBITMQ_URL,
// else the pinned image started once per test package with the testcontainers-go
// RabbitMQ module (see package kit).
package rabbitmqtest

import (
	"context"
	"net/netip"
	"testing"

	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/pins"
	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/api/types/network"
	"github.com/testcontainers/testcontainers-go"
	tcrabbitmq "github.com/testcontainers/testcontainers-go/modules/rabbitmq"
)

// Image is the RabbitMQ image the tests and compose.yaml pin.
const Image = pins.RabbitMQ

var envNames = []string{"CLOUDGO_TEST_RABBITMQ_URL"}

// Run starts the pinned RabbitMQ image with the testcontainers-go module.
func Run(ctx context.Context, opts ...testcontainers.ContainerCustomizer) (*tcrabbitmq.RabbitMQContainer, error) {
	return tcrabbitmq.Run(ctx, Image, opts...)
}

var shared kit.Shared[string]

// URL returns an amqp:// URL for the tests.
func URL(t testing.TB) string {
	t.Helper()
	if url, ok := kit.Endpoint(envNames...); ok {
		return url
	}
	return shared.Get(t, Image, func(ctx context.Context) (testcontainers.Container, string, error) {
		c, err := Run(ctx)
		if err != nil {
			return c, "", err
		}
		url, err := c.AmqpURL(ctx)
		return c, url, err
	})
}

// Own starts a broker for this test alone (kit.Own), for tests that stop and
// restart it. AMQP is published on a fixed host port, so the returned URL survives
// Stop and Start, as a real broker's name would.
func Own(t testing.TB) (*tcrabbitmq.RabbitMQContainer, string) {
	t.Helper()
	c := kit.Own(t, Image, envNames, func(ctx context.Context) (*tcrabbitmq.RabbitMQContainer, error) {
		port := kit.FreePort(t)
		return Run(ctx, testcontainers.WithHostConfigModifier(func(hc *container.HostConfig) {
			hc.PortBindings = network.PortMap{network.MustParsePort(tcrabbitmq.DefaultAMQPPort): {{HostIP: netip.MustParseAddr("127.0.0.1"), HostPort: port}}}
		}))
	})
	ctx, cancel := context.WithTimeout(context.Background(), kit.StartTimeout)
	defer cancel()
	url, err := c.AmqpURL(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return c, url
}

// Package kafkatest hands tests a Kafka broker: $CLOUDGO_TEST_KAFKA_ADDR, else the
// pinned image started once per test package with the testcontainers-go Kafka
// module (see package kit).
package kafkatest

import (
	"context"
	"testing"

	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/pins"
	"github.com/testcontainers/testcontainers-go"
	tckafka "github.com/testcontainers/testcontainers-go/modules/kafka"
)

// Image is the Kafka image the tests and compose.yaml pin.
const Image = pins.Kafka

// Run starts the pinned Kafka image with the testcontainers-go module.
func Run(ctx context.Context, opts ...testcontainers.ContainerCustomizer) (*tckafka.KafkaContainer, error) {
	return tckafka.Run(ctx, Image, opts...)
}

var shared kit.Shared[string]

// Addr returns the bootstrap address (host:port) of a broker for the tests.
func Addr(t testing.TB) string {
	t.Helper()
	if addr, ok := kit.Endpoint("CLOUDGO_TEST_KAFKA_ADDR"); ok {
		return addr
	}
	return shared.Get(t, Image, func(ctx context.Context) (testcontainers.Container, string, error) {
		c, err := Run(ctx)
		if err != nil {
			return c, "", err
		}
		brokers, err := c.Brokers(ctx)
		if err != nil {
			return c, "", err
		}
		return c, brokers[0], nil
	})
}

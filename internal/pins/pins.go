// Package pins is the one list of the container images cloudgo pins: the service
// kit starts these, compose.yaml runs the same references for `make up`, the
// Dockerfiles build FROM them, and .ci/images maps each to the local stand-in CI
// builds. TestPinsAgree fails when any of those disagree with this file.
package pins

// Services the tests and demos talk to.
const (
	Redis     = "redis:7.4"
	Memcached = "memcached:1.6"
	Varnish   = "varnish:7.6"
	// RabbitMQ 4.x is the supported line (3.13 is out of community support).
	RabbitMQ = "rabbitmq:4.2-management"
	// confluent-local 7.9.x is Kafka 3.9; the testcontainers Kafka module drives
	// only Confluent images.
	Kafka         = "confluentinc/confluent-local:7.9.10"
	Cassandra     = "cassandra:5.0.8"
	Elasticsearch = "docker.elastic.co/elasticsearch/elasticsearch:8.19.25"
	// MinIO stopped publishing images on Docker Hub; quay.io keeps the RELEASE tags.
	MinIO = "quay.io/minio/minio:RELEASE.2025-09-07T16-13-09Z"
)

// Images examples build on or run as plain hosts.
const (
	Golang     = "golang:1.26-bookworm"
	Distroless = "gcr.io/distroless/static-debian12:nonroot"
	Debian     = "debian:bookworm-slim"
	// Ryuk is the reaper testcontainers-go v0.45 starts beside every test session.
	Ryuk = "testcontainers/ryuk:0.14.0"
)

// All lists every pinned reference.
var All = []string{Redis, Memcached, Varnish, RabbitMQ, Kafka, Cassandra, Elasticsearch, MinIO, Golang, Distroless, Debian, Ryuk}

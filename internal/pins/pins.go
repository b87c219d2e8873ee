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
	Mongo = "mongo:8.0"
	// PostgreSQL 17 is the current major line.
	Postgres = "postgres:17"
	// Solr 9.10: the current 9.x line (Solr has no Go client; examples speak its JSON APIs).
	Solr = "solr:9.10"
	// Prometheus v3.5 is the current long-term-support release.
	Prometheus = "prom/prometheus:v3.5.0"
	// Emulators: Google Cloud Storage's JSON/XML API and Azure Storage. Both are
	// emulators on a reader's machine too (no IAM, no real signatures).
	FakeGCS = "fsouza/fake-gcs-server:1.56.1"
	Azurite = "mcr.microsoft.com/azure-storage/azurite:3.35.0"
	// The CNCF distribution registry (Docker's registry image), v2 line.
	Registry = "registry:2"
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
var All = []string{
	Redis, Memcached, Varnish, RabbitMQ, Kafka, Cassandra, Elasticsearch, MinIO,
	Mongo, Postgres, Solr, Prometheus, FakeGCS, Azurite, Registry,
	Golang, Distroless, Debian, Ryuk,
}

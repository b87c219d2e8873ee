// Package miniotest hands tests an S3-compatible endpoint: $CLOUDGO_TEST_S3_URL
// (with _ACCESS_KEY and _SECRET_KEY), else the pinned MinIO image started once per
// test package with the testcontainers-go MinIO module (see package kit).
package miniotest

import (
	"context"
	"testing"

	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/pins"
	"github.com/testcontainers/testcontainers-go"
	tcminio "github.com/testcontainers/testcontainers-go/modules/minio"
)

// Image is the MinIO image the tests and compose.yaml pin.
const Image = pins.MinIO

// S3 is an S3-compatible endpoint and the credentials for it.
type S3 struct {
	URL       string // http://host:port
	AccessKey string
	SecretKey string
}

// Run starts the pinned image with the testcontainers-go module (server /data,
// root credentials, a wait on /minio/health/live).
func Run(ctx context.Context, opts ...testcontainers.ContainerCustomizer) (*tcminio.MinioContainer, error) {
	return tcminio.Run(ctx, Image, opts...)
}

var shared kit.Shared[S3]

// Endpoint returns the S3 endpoint for the tests.
func Endpoint(t testing.TB) S3 {
	t.Helper()
	if url, ok := kit.Endpoint("CLOUDGO_TEST_S3_URL"); ok {
		return S3{URL: url, AccessKey: kit.Env("CLOUDGO_TEST_S3_ACCESS_KEY", "minioadmin"), SecretKey: kit.Env("CLOUDGO_TEST_S3_SECRET_KEY", "minioadmin")}
	}
	return shared.Get(t, Image, func(ctx context.Context) (testcontainers.Container, S3, error) {
		c, err := Run(ctx)
		if err != nil {
			return c, S3{}, err
		}
		addr, err := c.ConnectionString(ctx)
		return c, S3{URL: "http://" + addr, AccessKey: c.Username, SecretKey: c.Password}, err
	})
}

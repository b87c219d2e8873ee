// Package gcstest hands tests a Google Cloud Storage endpoint: $CLOUDGO_TEST_GCS_URL
// (e.g. http://127.0.0.1:4443 after `make up`), else the pinned fake-gcs-server image
// started once per test package (see package kit). Hand it to the SDK the way Google
// documents for emulators: STORAGE_EMULATOR_HOST=<host:port> (Host).
//
// fake-gcs-server is an emulator, also on a reader's machine: it checks no IAM
// permission and no signature. It serves the XML API's path-style downloads
// (what cloud.google.com/go/storage reads through by default) only for requests
// whose Host is its public host; Run sets that, and the external URL its upload
// sessions point to, to the address the tests reach it at.
package gcstest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/pins"
	"github.com/testcontainers/testcontainers-go"
	"github.com/testcontainers/testcontainers-go/wait"
)

// Image is the fake-gcs-server image the tests and compose.yaml pin.
const Image = pins.FakeGCS

const port = "4443/tcp"

// Run starts the pinned image over plain HTTP (the image's default is HTTPS with a
// self-signed certificate), waits for its JSON API, and points its public host and
// external URL at the address the container is reached at.
func Run(ctx context.Context, opts ...testcontainers.ContainerCustomizer) (testcontainers.Container, error) {
	c, err := testcontainers.Run(ctx, Image, append([]testcontainers.ContainerCustomizer{
		testcontainers.WithCmd("-scheme", "http", "-port", "4443"),
		testcontainers.WithExposedPorts(port),
		testcontainers.WithWaitStrategy(wait.ForHTTP("/storage/v1/b").WithPort(port)),
	}, opts...)...)
	if err != nil {
		return c, err
	}
	url, err := c.PortEndpoint(ctx, port, "http")
	if err != nil {
		return c, err
	}
	return c, configure(ctx, url)
}

// configure sets the server's -public-host and -external-url at run time (the
// mapped port is known only once the container runs), through the documented
// /_internal/config endpoint.
func configure(ctx context.Context, url string) error {
	body, _ := json.Marshal(map[string]string{"publicHost": strings.TrimPrefix(url, "http://"), "externalUrl": url})
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, url+"/_internal/config", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("configure fake-gcs-server at %s: %w", url, err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("configure fake-gcs-server at %s: %s", url, resp.Status)
	}
	return nil
}

var shared kit.Shared[string]

// URL returns the endpoint's base URL, e.g. http://127.0.0.1:32768.
func URL(t testing.TB) string {
	t.Helper()
	if url, ok := kit.Endpoint("CLOUDGO_TEST_GCS_URL"); ok {
		return strings.TrimSuffix(url, "/")
	}
	return shared.Get(t, Image, func(ctx context.Context) (testcontainers.Container, string, error) {
		c, err := Run(ctx)
		if err != nil {
			return c, "", err
		}
		url, err := c.PortEndpoint(ctx, port, "http")
		return c, url, err
	})
}

// Host returns URL(t) without its scheme: the value STORAGE_EMULATOR_HOST takes.
func Host(t testing.TB) string {
	t.Helper()
	u := URL(t)
	return u[strings.Index(u, "://")+3:]
}

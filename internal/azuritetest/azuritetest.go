// Package azuritetest hands tests an Azure Blob Storage endpoint:
// $CLOUDGO_TEST_AZURITE_URL (the blob service URL with the account, e.g.
// http://127.0.0.1:10000/devstoreaccount1 after `make up`), else the pinned Azurite
// image started once per test package with the testcontainers-go Azurite module
// (see package kit).
//
// Azurite is Microsoft's emulator, also on a reader's machine: one account whose
// key is published in Microsoft's documentation (no secret), no Entra ID, no RBAC.
// It runs with --skipApiVersionCheck: current azblob sends a newer x-ms-version
// than Azurite 3.35 knows, which it refuses otherwise.
package azuritetest

import (
	"context"
	"strings"
	"testing"

	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/pins"
	"github.com/testcontainers/testcontainers-go"
	tcazurite "github.com/testcontainers/testcontainers-go/modules/azure/azurite"
)

// Image is the Azurite image the tests and compose.yaml pin.
const Image = pins.Azurite

// Blob is a blob service endpoint and the account that owns it.
type Blob struct {
	URL         string // http://host:port/<account>
	AccountName string
	AccountKey  string
}

// ConnectionString is the endpoint as AZURE_STORAGE_CONNECTION_STRING takes it.
func (b Blob) ConnectionString() string {
	return "DefaultEndpointsProtocol=http;AccountName=" + b.AccountName + ";AccountKey=" + b.AccountKey +
		";BlobEndpoint=" + b.URL + ";"
}

// Run starts the pinned image with the module, the blob service only.
func Run(ctx context.Context, opts ...testcontainers.ContainerCustomizer) (*tcazurite.Container, error) {
	return tcazurite.Run(ctx, Image, append([]testcontainers.ContainerCustomizer{
		tcazurite.WithEnabledServices(tcazurite.BlobService),
		testcontainers.WithCmdArgs("--skipApiVersionCheck", "--disableTelemetry"),
	}, opts...)...)
}

var shared kit.Shared[Blob]

// Endpoint returns the blob endpoint for the tests.
func Endpoint(t testing.TB) Blob {
	t.Helper()
	if url, ok := kit.Endpoint("CLOUDGO_TEST_AZURITE_URL"); ok {
		return Blob{URL: strings.TrimSuffix(url, "/"), AccountName: tcazurite.AccountName, AccountKey: tcazurite.AccountKey}
	}
	return shared.Get(t, Image, func(ctx context.Context) (testcontainers.Container, Blob, error) {
		c, err := Run(ctx)
		if err != nil {
			return c, Blob{}, err
		}
		url, err := c.BlobServiceURL(ctx)
		return c, Blob{URL: url + "/" + tcazurite.AccountName, AccountName: tcazurite.AccountName, AccountKey: tcazurite.AccountKey}, err
	})
}

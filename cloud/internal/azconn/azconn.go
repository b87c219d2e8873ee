// Package azconn builds the Azure Blob Storage client the azblob examples use,
// with credentials from the environment as Azure documents them, never from code:
//
//   - an account URL (-account-url, env AZURE_STORAGE_ACCOUNT_URL) with
//     DefaultAzureCredential: Entra ID through AZURE_CLIENT_ID/AZURE_TENANT_ID/…,
//     workload or managed identity, or `az login`. The way to production.
//   - otherwise the connection string in AZURE_STORAGE_CONNECTION_STRING (account
//     name and key, or a SAS): what Azurite, the local emulator, takes. Its
//     development account key is public; the demo exports it, no program has it.
package azconn

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"

	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob"
)

// ErrNoCredentials says neither an account URL nor a connection string was given.
var ErrNoCredentials = errors.New("set AZURE_STORAGE_CONNECTION_STRING, or -account-url (AZURE_STORAGE_ACCOUNT_URL) with an Entra ID identity")

// New returns a blob service client for accountURL with DefaultAzureCredential,
// or, when accountURL is empty, from AZURE_STORAGE_CONNECTION_STRING.
func New(accountURL string) (*azblob.Client, error) {
	if accountURL != "" {
		cred, err := azidentity.NewDefaultAzureCredential(nil)
		if err != nil {
			return nil, fmt.Errorf("get an Azure credential: %w", err)
		}
		return azblob.NewClient(accountURL, cred, options())
	}
	cs := os.Getenv("AZURE_STORAGE_CONNECTION_STRING")
	if cs == "" {
		return nil, ErrNoCredentials
	}
	c, err := azblob.NewClientFromConnectionString(cs, options())
	if err != nil {
		// The parser's error would quote the string, account key and all.
		return nil, errors.New("AZURE_STORAGE_CONNECTION_STRING is not a valid connection string")
	}
	return c, nil
}

// options keeps the SDK's retries (three, with backoff) for failed requests and
// the statuses it retries, but reports a connection that cannot even be made
// (nothing listens, no such host) at once.
func options() *azblob.ClientOptions {
	o := &azblob.ClientOptions{}
	o.Retry.ShouldRetry = func(resp *http.Response, err error) bool {
		if err != nil {
			return !Unreachable(err)
		}
		switch resp.StatusCode {
		case http.StatusRequestTimeout, http.StatusTooManyRequests, http.StatusInternalServerError,
			http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
			return true
		}
		return false
	}
	return o
}

// Unreachable reports whether err means nothing answered at the endpoint: the
// connection could not be made or the host name does not resolve.
func Unreachable(err error) bool {
	var opErr *net.OpError
	var dnsErr *net.DNSError
	return errors.As(err, &dnsErr) || errors.As(err, &opErr) && opErr.Op == "dial"
}

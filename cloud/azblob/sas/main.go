// Command sas shares one blob without sharing the account key: it uploads a blob,
// makes a read-only service SAS (shared access signature) for it, and fetches it
// with a plain HTTP client that has no credentials at all; then shows that the
// signature covers the blob and the permissions (the same token opens no other
// blob and cannot write).
//
// A service SAS is signed with the account key, so it needs a connection string
// with AccountKey (AZURE_STORAGE_CONNECTION_STRING; Azurite's is public). With
// Entra ID credentials the equivalent is a user delegation SAS (README).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"example.com/cloudgo/cloud/internal/azconn"
	"example.com/cloudgo/cloud/internal/cli"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/sas"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("sas", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("sas", flag.ContinueOnError)
	fs.SetOutput(stderr)
	name := fs.String("container", "cloudgo-azblob-sas-demo", "container to create, use and delete")
	expires := fs.Duration("expires", 5*time.Minute, "how long the SAS is valid (1s to 168h)")
	timeout := fs.Duration("timeout", time.Minute, "timeout for the whole run")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if *expires < time.Second || *expires > 7*24*time.Hour {
		return cli.Usagef("-expires must be 1s to 168h, got %s", *expires)
	}
	if *timeout <= 0 {
		return cli.Usagef("-timeout must be positive, got %s", *timeout)
	}
	client, err := azconn.New("") // a service SAS needs the account key: the connection string
	if err != nil {
		return cli.Usagef("%v", err)
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	where := client.URL()
	switch _, err := client.CreateContainer(ctx, *name, nil); {
	case azconn.Unreachable(err):
		return fmt.Errorf("the blob service at %s is unreachable (start it with `make up`): %w", where, err)
	case err != nil:
		return fmt.Errorf("create container %s at %s: %w", *name, where, err)
	}
	fmt.Fprintf(stdout, "container %s: created\n", *name)
	b := client.ServiceClient().NewContainerClient(*name).NewBlobClient("report.txt")
	_, err = client.UploadBuffer(ctx, *name, "report.txt", []byte("quarterly numbers"), nil)
	if err == nil {
		fmt.Fprintln(stdout, "upload report.txt")
		var url string
		// Signed over account, container, blob, permissions, start and expiry.
		url, err = b.GetSASURL(sas.BlobPermissions{Read: true}, time.Now().Add(*expires), nil)
		if err == nil {
			err = share(ctx, url, *expires, stdout)
		}
	}
	if _, derr := client.DeleteContainer(ctx, *name, nil); err == nil && derr != nil {
		err = fmt.Errorf("delete container: %w", derr)
	}
	if err != nil {
		return fmt.Errorf("container %s at %s: %w", *name, where, err)
	}
	fmt.Fprintf(stdout, "deleted container %s\n", *name)
	return nil
}

func share(ctx context.Context, url string, expires time.Duration, stdout io.Writer) error {
	status, body, err := do(ctx, http.MethodGet, url)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "GET with a read-only SAS (expires in %s), no credentials: %s %q\n", expires, status, body)
	other := strings.Replace(url, "/report.txt?", "/other.txt?", 1)
	if status, _, err = do(ctx, http.MethodGet, other); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "the same SAS for other.txt: %s\n", status)
	if status, _, err = do(ctx, http.MethodPut, url); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "PUT with the read-only SAS: %s\n", status)
	return nil
}

// do sends a request with a plain client: no SDK, no credentials.
func do(ctx context.Context, method, url string) (status, body string, err error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, url, strings.NewReader("overwritten"))
	if err != nil {
		return "", "", err
	}
	req.Header.Set("x-ms-blob-type", "BlockBlob")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", "", fmt.Errorf("%s SAS URL: %w", method, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode != http.StatusOK {
		b = nil // the error document is XML; the status says it
	}
	return resp.Status, string(b), err
}

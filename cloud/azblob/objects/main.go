// Command objects is Azure Blob Storage's basics with the azblob SDK: create a
// container, upload block blobs with a content type, metadata and an MD5 the
// service verifies and keeps, list one "directory" level with a prefix and a
// delimiter, download with an MD5 check of the bytes, and delete the container.
//
// Credentials come from the environment (package azconn): an account URL with
// Entra ID, or AZURE_STORAGE_CONNECTION_STRING (what Azurite takes).
package main

import (
	"bytes"
	"context"
	"crypto/md5"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"example.com/cloudgo/cloud/internal/azconn"
	"example.com/cloudgo/cloud/internal/cli"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/streaming"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/to"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/blob"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/bloberror"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/blockblob"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/container"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("objects", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

var blobs = []struct{ name, contentType, body string }{
	{"reports/2026/q1.csv", "text/csv", "region,revenue\nnorth,120\nsouth,95\n"},
	{"reports/2026/q2.csv", "text/csv", "region,revenue\nnorth,131\nsouth,102\n"},
	{"reports/README.txt", "text/plain; charset=utf-8", "Quarterly revenue by region.\n"},
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("objects", flag.ContinueOnError)
	fs.SetOutput(stderr)
	accountURL := fs.String("account-url", cli.Env("AZURE_STORAGE_ACCOUNT_URL", ""), "https://<account>.blob.core.windows.net with Entra ID; empty: AZURE_STORAGE_CONNECTION_STRING (env AZURE_STORAGE_ACCOUNT_URL)")
	name := fs.String("container", "cloudgo-azblob-demo", "container to create, use and delete")
	timeout := fs.Duration("timeout", time.Minute, "timeout for the whole run")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if *timeout <= 0 {
		return cli.Usagef("-timeout must be positive, got %s", *timeout)
	}
	client, err := azconn.New(*accountURL)
	if err != nil {
		return cli.Usagef("%v", err)
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	where := client.URL()
	ctr := client.ServiceClient().NewContainerClient(*name)
	switch _, err := ctr.Create(ctx, nil); {
	case azconn.Unreachable(err):
		return fmt.Errorf("the blob service at %s is unreachable (start it with `make up`): %w", where, err)
	case bloberror.HasCode(err, bloberror.ContainerAlreadyExists):
		return fmt.Errorf("container %s exists already at %s: choose another -container (this run deletes only what it creates)", *name, where)
	case err != nil:
		return fmt.Errorf("create container %s at %s: %w", *name, where, err)
	}
	fmt.Fprintf(stdout, "container %s: created\n", *name)
	err = tour(ctx, ctr, stdout)
	if _, derr := ctr.Delete(ctx, nil); err == nil && derr != nil {
		err = fmt.Errorf("delete container: %w", derr)
	}
	if err != nil {
		return fmt.Errorf("container %s at %s: %w", *name, where, err)
	}
	fmt.Fprintf(stdout, "deleted container %s and its %d blobs\n", *name, len(blobs))
	return nil
}

func tour(ctx context.Context, ctr *container.Client, stdout io.Writer) error {
	for _, b := range blobs {
		sum := md5.Sum([]byte(b.body))
		// One Put Blob: the service checks the body against the transactional MD5
		// (400 Md5Mismatch otherwise) and keeps the blob's MD5 as a property.
		_, err := ctr.NewBlockBlobClient(b.name).Upload(ctx, streaming.NopCloser(strings.NewReader(b.body)), &blockblob.UploadOptions{
			HTTPHeaders:             &blob.HTTPHeaders{BlobContentType: &b.contentType, BlobContentMD5: sum[:]},
			Metadata:                map[string]*string{"owner": to.Ptr("finance")},
			TransactionalValidation: blob.TransferValidationTypeMD5(sum[:]),
		})
		if err != nil {
			return fmt.Errorf("upload %s: %w", b.name, err)
		}
		fmt.Fprintf(stdout, "upload %s: %d bytes, %s, metadata owner=finance, MD5 %x\n", b.name, len(b.body), b.contentType, sum)
	}
	var level []string
	pager := ctr.NewListBlobsHierarchyPager("/", &container.ListBlobsHierarchyOptions{Prefix: to.Ptr("reports/")})
	for pager.More() {
		page, err := pager.NextPage(ctx)
		if err != nil {
			return fmt.Errorf("list reports/: %w", err)
		}
		for _, item := range page.Segment.BlobItems {
			level = append(level, *item.Name)
		}
		for _, p := range page.Segment.BlobPrefixes {
			level = append(level, *p.Name)
		}
	}
	fmt.Fprintf(stdout, "list prefix reports/ delimiter /: %s\n", strings.Join(level, ", "))

	name := blobs[0].name
	resp, err := ctr.NewBlobClient(name).DownloadStream(ctx, nil)
	if err != nil {
		return fmt.Errorf("download %s: %w", name, err)
	}
	data, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return fmt.Errorf("download %s: %w", name, err)
	}
	if sum := md5.Sum(data); !bytes.Equal(sum[:], resp.ContentMD5) {
		return fmt.Errorf("download %s: MD5 %x, the blob's is %x: corrupted in transit", name, sum, resp.ContentMD5)
	}
	owner := ""
	for k, v := range resp.Metadata { // the SDK hands keys back in HTTP header case: "Owner"
		if strings.EqualFold(k, "owner") && v != nil {
			owner = *v
		}
	}
	fmt.Fprintf(stdout, "download %s: %d bytes, MD5 matches, %s, owner=%s\n", name, len(data), *resp.ContentType, owner)
	return nil
}

// Command conditional shows Azure Blob Storage's optimistic concurrency: every
// write gives a blob a new ETag, and a write can be made conditional on the ETag
// it read (If-Match). Two writers read the same ETag; the first conditional write
// wins, the second gets 412 ConditionNotMet instead of silently overwriting,
// re-reads, and retries on top of the winner's version. If-None-Match: * is a
// create-only write.
package main

import (
	"context"
	"errors"
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
	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/streaming"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/blob"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/bloberror"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/blockblob"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("conditional", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("conditional", flag.ContinueOnError)
	fs.SetOutput(stderr)
	accountURL := fs.String("account-url", cli.Env("AZURE_STORAGE_ACCOUNT_URL", ""), "https://<account>.blob.core.windows.net with Entra ID; empty: AZURE_STORAGE_CONNECTION_STRING (env AZURE_STORAGE_ACCOUNT_URL)")
	name := fs.String("container", "cloudgo-azblob-conditional-demo", "container to create, use and delete")
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
	case err != nil:
		return fmt.Errorf("create container %s at %s: %w", *name, where, err)
	}
	fmt.Fprintf(stdout, "container %s: created\n", *name)
	err = race(ctx, ctr.NewBlockBlobClient("config.json"), stdout)
	if _, derr := ctr.Delete(ctx, nil); err == nil && derr != nil {
		err = fmt.Errorf("delete container: %w", derr)
	}
	if err != nil {
		return fmt.Errorf("container %s at %s: %w", *name, where, err)
	}
	fmt.Fprintf(stdout, "deleted container %s\n", *name)
	return nil
}

func race(ctx context.Context, b *blockblob.Client, stdout io.Writer) error {
	absent := &blob.ModifiedAccessConditions{IfNoneMatch: to(azcore.ETagAny)}
	etag, err := write(ctx, b, absent, `{"replicas": 1}`)
	if err != nil {
		return fmt.Errorf("create config.json: %w", err)
	}
	fmt.Fprintln(stdout, "create config.json only if absent (If-None-Match: *): written")
	_, err = write(ctx, b, absent, `{"replicas": 9}`)
	fmt.Fprintf(stdout, "create it again only if absent: %s\n", outcome(err))

	// Writers A and B both read the same ETag, then both write on top of it.
	read := &blob.ModifiedAccessConditions{IfMatch: &etag}
	if _, err := write(ctx, b, read, `{"replicas": 2}`); err != nil {
		return fmt.Errorf("writer A: %w", err)
	}
	fmt.Fprintln(stdout, "writer A, If-Match the ETag it read: written, the blob has a new ETag")
	_, err = write(ctx, b, read, `{"replicas": 3}`)
	fmt.Fprintf(stdout, "writer B, If-Match the same ETag: %s\n", outcome(err))
	if !bloberror.HasCode(err, bloberror.ConditionNotMet) {
		return fmt.Errorf("writer B: want 412 ConditionNotMet, got %v", err)
	}
	// B re-reads (the winner's version and ETag) and applies its change again.
	props, err := b.GetProperties(ctx, nil)
	if err != nil {
		return fmt.Errorf("writer B re-reads: %w", err)
	}
	if _, err := write(ctx, b, &blob.ModifiedAccessConditions{IfMatch: props.ETag}, `{"replicas": 3}`); err != nil {
		return fmt.Errorf("writer B retries: %w", err)
	}
	fmt.Fprintln(stdout, "writer B re-reads the ETag and retries: written")
	return nil
}

// write uploads body under cond and returns the blob's new ETag.
func write(ctx context.Context, b *blockblob.Client, cond *blob.ModifiedAccessConditions, body string) (azcore.ETag, error) {
	resp, err := b.Upload(ctx, streaming.NopCloser(strings.NewReader(body)), &blockblob.UploadOptions{
		HTTPHeaders:      &blob.HTTPHeaders{BlobContentType: to("application/json")},
		AccessConditions: &blob.AccessConditions{ModifiedAccessConditions: cond},
	})
	if err != nil {
		return "", err
	}
	return *resp.ETag, nil
}

// outcome describes a conditional write's result as a reader cares about it.
func outcome(err error) string {
	var re *azcore.ResponseError
	switch {
	case err == nil:
		return "written (the condition held)"
	case bloberror.HasCode(err, bloberror.ConditionNotMet) && errors.As(err, &re):
		return fmt.Sprintf("%d %s: the condition did not hold, nothing was overwritten", re.StatusCode, re.ErrorCode)
	case bloberror.HasCode(err, bloberror.BlobAlreadyExists) && errors.As(err, &re):
		return fmt.Sprintf("%d %s: nothing was overwritten", re.StatusCode, re.ErrorCode)
	}
	return err.Error()
}

func to[T any](v T) *T { return &v }

// Command blob runs one piece of code over any bucket URL with the Go CDK
// (gocloud.dev/blob): s3://, gs://, azblob:// … The provider is chosen by the
// URL's scheme; what the code does, and what it gets back — bytes, listings,
// attributes and error kinds (gcerrors.NotFound, FailedPrecondition) — is the same
// everywhere:
//
//	go run ./blob 's3://b?endpoint=http://127.0.0.1:9000&use_path_style=true' gs://b azblob://b
//
// Credentials come from each provider's own environment (AWS_*, Application
// Default Credentials or STORAGE_EMULATOR_HOST, AZURE_STORAGE_*). The bucket must
// exist: creating one is not part of the portable API (-create does it through
// the native client the bucket wraps; see create.go).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"example.com/cloudgo/cloud/internal/cli"
	"gocloud.dev/blob"
	_ "gocloud.dev/blob/azureblob" // azblob://
	_ "gocloud.dev/blob/gcsblob"   // gs://
	_ "gocloud.dev/blob/s3blob"    // s3://
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("blob", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("blob", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: blob [flags] BUCKET-URL... (s3://, gs://, azblob://)")
		fs.PrintDefaults()
	}
	prefix := fs.String("prefix", "cloudgo-blob/", "key prefix the run writes under (and deletes)")
	create := fs.Bool("create", false, "create the bucket first if it does not exist, with the provider's native client")
	project := fs.String("project", cli.Env("GOOGLE_CLOUD_PROJECT", ""), "project for -create of a gs:// bucket (env GOOGLE_CLOUD_PROJECT)")
	timeout := fs.Duration("timeout", time.Minute, "timeout per bucket")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return cli.Usagef("name at least one bucket URL, e.g. gs://my-bucket")
	}
	if *timeout <= 0 {
		return cli.Usagef("-timeout must be positive, got %s", *timeout)
	}
	if *prefix == "" || strings.HasPrefix(*prefix, "/") {
		return cli.Usagef("-prefix must be a non-empty relative key prefix, got %q", *prefix)
	}
	for _, raw := range fs.Args() {
		u, err := url.Parse(raw)
		if err != nil || !blob.DefaultURLMux().ValidBucketScheme(u.Scheme) {
			return cli.Usagef("%q is not a bucket URL of a known scheme (s3://, gs://, azblob://)", raw)
		}
		if err := one(ctx, u, *prefix, *create, *project, *timeout, stdout); err != nil {
			return err
		}
	}
	return nil
}

// one runs the tour on the bucket at u.
func one(ctx context.Context, u *url.URL, prefix string, create bool, project string, timeout time.Duration, stdout io.Writer) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	name := u.Scheme + "://" + u.Host // the query may hold endpoints, never secrets, but is long
	b, err := blob.OpenBucket(ctx, u.String())
	if err != nil {
		return fmt.Errorf("open %s: %w", name, err)
	}
	defer b.Close()
	fmt.Fprintf(stdout, "== %s\n", name)
	if create {
		err = createBucket(ctx, b, u.Host, project)
	}
	if err == nil {
		err = tour(ctx, b, prefix, stdout)
	}
	if unreachable(err) {
		return fmt.Errorf("%s is unreachable (start it with `make up`): %w", u.Redacted(), err)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// unreachable reports whether err means nothing answered: the connection could
// not be made or the host name does not resolve.
func unreachable(err error) bool {
	var opErr *net.OpError
	var dnsErr *net.DNSError
	return errors.As(err, &dnsErr) || errors.As(err, &opErr) && opErr.Op == "dial"
}

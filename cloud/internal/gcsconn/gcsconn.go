// Package gcsconn builds the Google Cloud Storage client the gcs examples use.
//
// Credentials come from Application Default Credentials, as Google documents:
// GOOGLE_APPLICATION_CREDENTIALS, `gcloud auth application-default login`, or the
// attached service account on Google Cloud — never from code or flags. For an
// emulator (fake-gcs-server) the SDK itself honours STORAGE_EMULATOR_HOST: plain
// HTTP to that host and no authentication. The -emulator flag of the examples is
// the same setting, passed explicitly.
package gcsconn

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"

	"cloud.google.com/go/storage"
	"google.golang.org/api/googleapi"
	"google.golang.org/api/iterator"
	"google.golang.org/api/option"
)

// New returns a client for Google Cloud Storage, or for the emulator at
// emulatorHost (host:port, or a URL) when it is not empty.
func New(ctx context.Context, emulatorHost string) (*storage.Client, error) {
	var opts []option.ClientOption
	if emulatorHost != "" {
		if !strings.Contains(emulatorHost, "://") {
			emulatorHost = "http://" + emulatorHost
		}
		// What the SDK does for STORAGE_EMULATOR_HOST: the JSON API under
		// /storage/v1/ (XML reads go to the same host), no credentials.
		opts = append(opts, option.WithEndpoint(strings.TrimSuffix(emulatorHost, "/")+"/storage/v1/"),
			option.WithoutAuthentication())
	}
	c, err := storage.NewClient(ctx, opts...)
	if err != nil {
		return nil, fmt.Errorf("create storage client: %w", err)
	}
	// The SDK retries idempotent calls until the context ends; a connection that
	// cannot even be made (nothing listens, no such host) is reported at once.
	c.SetRetry(storage.WithErrorFunc(func(err error) bool { return !Unreachable(err) && storage.ShouldRetry(err) }))
	return c, nil
}

// DeleteBucket deletes every object in bucket, then the bucket: for buckets the
// caller created. It returns how many objects it deleted.
func DeleteBucket(ctx context.Context, c *storage.Client, bucket string) (int, error) {
	b, n := c.Bucket(bucket), 0
	it := b.Objects(ctx, nil)
	for {
		o, err := it.Next()
		if errors.Is(err, iterator.Done) {
			break
		}
		if err != nil {
			return n, fmt.Errorf("list %s: %w", bucket, err)
		}
		if err := b.Object(o.Name).Delete(ctx); err != nil {
			return n, fmt.Errorf("delete gs://%s/%s: %w", bucket, o.Name, err)
		}
		n++
	}
	if err := b.Delete(ctx); err != nil {
		return n, fmt.Errorf("delete bucket %s: %w", bucket, err)
	}
	return n, nil
}

// Where names the endpoint in messages.
func Where(emulatorHost string) string {
	if emulatorHost == "" {
		return "storage.googleapis.com"
	}
	return emulatorHost
}

// ErrBucketExists is returned by CreateBucket for a bucket that exists already.
var ErrBucketExists = errors.New("bucket already exists")

// CreateBucket creates bucket in project. An existing bucket (409) is an error
// wrapping ErrBucketExists: a program deletes only what it created.
func CreateBucket(ctx context.Context, c *storage.Client, project, bucket string, attrs *storage.BucketAttrs) error {
	err := c.Bucket(bucket).Create(ctx, project, attrs)
	if Status(err) == http.StatusConflict {
		return fmt.Errorf("%w: %s (bucket names are global: choose another -bucket)", ErrBucketExists, bucket)
	}
	return err
}

// Status returns the HTTP status of a JSON API error, or 0.
func Status(err error) int {
	var g *googleapi.Error
	if errors.As(err, &g) {
		return g.Code
	}
	return 0
}

// Unreachable reports whether err means nothing answered at the endpoint: the
// connection could not be made or the host name does not resolve.
func Unreachable(err error) bool {
	var opErr *net.OpError
	var dnsErr *net.DNSError
	return errors.As(err, &dnsErr) || errors.As(err, &opErr) && opErr.Op == "dial"
}

// Command s3presign shares one object without sharing credentials: it puts an
// object, presigns a GET for it, and fetches it with a plain HTTP client that has
// no AWS credentials at all; then shows that the signature covers the request (the
// same URL for another key is refused).
//
// Credentials come from the SDK's default chain, never from code; -endpoint points
// it at an S3-compatible server (-endpoint= for AWS). An existing bucket is refused
// unless -reuse-bucket is given; then only the object it wrote is deleted.
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

	"example.com/cloudgo/cloud/internal/cli"
	"example.com/cloudgo/cloud/internal/s3conn"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("s3presign", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("s3presign", flag.ContinueOnError)
	fs.SetOutput(stderr)
	endpoint := fs.String("endpoint", cli.Env("S3_ENDPOINT", "http://127.0.0.1:9000"), "S3 endpoint URL; -endpoint= for AWS (env S3_ENDPOINT)")
	bucket := fs.String("bucket", "cloudgo-presign-demo", "bucket to create, use and delete")
	reuse := fs.Bool("reuse-bucket", false, "use the bucket if it exists already (then only this run's object is deleted, never the bucket)")
	expires := fs.Duration("expires", 5*time.Minute, "how long the presigned URL is valid (1s to 168h, S3's maximum)")
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
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	c, err := s3conn.New(ctx, *endpoint)
	if err != nil {
		return err
	}
	created, err := s3conn.CreateBucket(ctx, c, *bucket, *reuse)
	switch {
	case s3conn.Unreachable(err):
		return fmt.Errorf("S3 at %s is unreachable (start it with `make up`): %w", *endpoint, err)
	case err != nil:
		return fmt.Errorf("create bucket %s at %s: %w", *bucket, *endpoint, err)
	case created:
		fmt.Fprintf(stdout, "bucket %s: created\n", *bucket)
	default:
		fmt.Fprintf(stdout, "bucket %s: exists, reusing it (-reuse-bucket)\n", *bucket)
	}
	b, key := aws.String(*bucket), "report.txt"
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: b, Key: aws.String(key),
		Body: strings.NewReader("quarterly numbers"), ContentType: aws.String("text/plain; charset=utf-8")}); err != nil {
		return fmt.Errorf("put %s: %w", key, err)
	}
	fmt.Fprintf(stdout, "put %s\n", key)

	// The presigned URL carries a signature over method, bucket, key and expiry:
	// whoever holds it may GET this one object until it expires, nothing else.
	ps, err := s3.NewPresignClient(c).PresignGetObject(ctx, &s3.GetObjectInput{Bucket: b, Key: aws.String(key)},
		s3.WithPresignExpires(*expires))
	if err == nil {
		status, text, gerr := httpGet(ctx, ps.URL)
		err = gerr
		fmt.Fprintf(stdout, "presigned GET %s (expires in %s), no credentials: %s %q\n", key, *expires, status, text)
		if err == nil {
			// The same signature for another key: S3 refuses it.
			status, _, err = httpGet(ctx, strings.Replace(ps.URL, "/"+key+"?", "/other.txt?", 1))
			fmt.Fprintf(stdout, "the same signature for other.txt: %s\n", status)
		}
	}
	if derr := s3conn.DeleteObjects(ctx, c, *bucket, []string{key}); err == nil {
		err = derr
	}
	if err != nil {
		return fmt.Errorf("presigned GET of s3://%s/%s: %w", *bucket, key, err)
	}
	if !created {
		fmt.Fprintf(stdout, "deleted %s; bucket %s stays (not created by this run)\n", key, *bucket)
		return nil
	}
	if _, err := c.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: b}); err != nil {
		return fmt.Errorf("delete bucket %s: %w", *bucket, err)
	}
	fmt.Fprintf(stdout, "deleted %s and bucket %s\n", key, *bucket)
	return nil
}

// httpGet fetches url with a plain client: no SDK, no credentials.
func httpGet(ctx context.Context, url string) (status, body string, err error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return "", "", err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", "", fmt.Errorf("GET presigned URL: %w", err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	return resp.Status, string(b), err
}

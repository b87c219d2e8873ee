// Command s3 walks through the S3 basics with the AWS SDK for Go v2: create a
// bucket, put objects, list them with a paginator, get one back, and clean up
// exactly what the run created.
//
// Credentials come from the SDK's default chain (AWS_ACCESS_KEY_ID/…SECRET_ACCESS_KEY,
// AWS_PROFILE, SSO, an instance role), never from code. -endpoint points it at an
// S3-compatible server; -endpoint= (empty) uses AWS itself.
//
// A demo must never delete what it did not create: an existing bucket is refused
// unless -reuse-bucket says to use it, and then only the objects this run wrote are
// deleted, never the bucket.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
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
	cli.Exit("s3", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("s3", flag.ContinueOnError)
	fs.SetOutput(stderr)
	endpoint := fs.String("endpoint", cli.Env("S3_ENDPOINT", "http://127.0.0.1:9000"), "S3 endpoint URL; -endpoint= for AWS (env S3_ENDPOINT)")
	bucket := fs.String("bucket", "cloudgo-demo", "bucket to create, use and delete")
	reuse := fs.Bool("reuse-bucket", false, "use the bucket if it exists already (then only this run's objects are deleted, never the bucket)")
	nLogs := fs.Int("logs", 25, "log objects to put and list (1-1000)")
	pageSize := fs.Int("page-size", 10, "keys per ListObjectsV2 page (1-1000)")
	keep := fs.Bool("keep", false, "leave the objects (and the bucket) in place, e.g. to try s3backup on them")
	timeout := fs.Duration("timeout", 2*time.Minute, "timeout for the whole run")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if *nLogs < 1 || *nLogs > 1000 {
		return cli.Usagef("-logs must be 1 to 1000, got %d", *nLogs)
	}
	if *pageSize < 1 || *pageSize > 1000 {
		return cli.Usagef("-page-size must be 1 to 1000 (S3's maximum), got %d", *pageSize)
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
	b := aws.String(*bucket)

	// CreateBucket is the first network call, so it is where "nothing listens" shows.
	created, err := s3conn.CreateBucket(ctx, c, *bucket, *reuse)
	switch {
	case s3conn.Unreachable(err):
		return fmt.Errorf("S3 at %s is unreachable (start it with `make up`): %w", *endpoint, err)
	case err != nil:
		return fmt.Errorf("create bucket %s at %s: %w", *bucket, *endpoint, err)
	case created:
		fmt.Fprintf(stdout, "bucket %s: created\n", *bucket)
	default:
		fmt.Fprintf(stdout, "bucket %s: exists, reusing it (-reuse-bucket): it stays, only this run's objects go\n", *bucket)
	}
	var written []string // what this run wrote, and so may delete

	// A small object: one PutObject request, the body in memory.
	hello := "Hello from cloudgo!"
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: b, Key: aws.String("hello.txt"),
		Body: strings.NewReader(hello), ContentType: aws.String("text/plain; charset=utf-8")}); err != nil {
		return fmt.Errorf("put hello.txt: %w", err)
	}
	written = append(written, "hello.txt")
	fmt.Fprintf(stdout, "put hello.txt: %d bytes\n", len(hello))

	for i := range *nLogs {
		key := fmt.Sprintf("logs/%04d.log", i)
		if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: b, Key: aws.String(key),
			Body: strings.NewReader(fmt.Sprintf("line %d\n", i))}); err != nil {
			return fmt.Errorf("put %s: %w", key, err)
		}
		written = append(written, key)
	}
	fmt.Fprintf(stdout, "put logs/0000.log … logs/%04d.log\n", *nLogs-1)

	// One ListObjectsV2 call returns at most 1,000 keys (here: -page-size). The
	// paginator follows NextContinuationToken until the listing is complete.
	p := s3.NewListObjectsV2Paginator(c, &s3.ListObjectsV2Input{Bucket: b, Prefix: aws.String("logs/"), MaxKeys: aws.Int32(int32(*pageSize))})
	var keys, pages int
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return fmt.Errorf("list %s/logs/: %w", *bucket, err)
		}
		keys, pages = keys+len(page.Contents), pages+1
	}
	fmt.Fprintf(stdout, "list logs/ %d keys per page: %d keys in %d pages\n", *pageSize, keys, pages)

	got, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: b, Key: aws.String("hello.txt")})
	if err != nil {
		return fmt.Errorf("get hello.txt: %w", err)
	}
	body, err := io.ReadAll(got.Body)
	got.Body.Close()
	if err != nil {
		return fmt.Errorf("read hello.txt: %w", err)
	}
	fmt.Fprintf(stdout, "get hello.txt: %q (%s)\n", body, aws.ToString(got.ContentType))

	if *keep {
		fmt.Fprintf(stdout, "kept %d objects in bucket %s (-keep)\n", len(written), *bucket)
		return nil
	}
	// Delete what this run wrote, and nothing else; DeleteObjects reports per-key
	// failures in its answer, which s3conn turns into an error.
	if err := s3conn.DeleteObjects(ctx, c, *bucket, written); err != nil {
		return err
	}
	if !created {
		fmt.Fprintf(stdout, "deleted the %d objects this run wrote; bucket %s stays (not created by this run)\n", len(written), *bucket)
		return nil
	}
	// A bucket must be empty before it can be deleted.
	if _, err := c.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: b}); err != nil {
		return fmt.Errorf("delete bucket %s: %w", *bucket, err)
	}
	fmt.Fprintf(stdout, "deleted %d objects and bucket %s\n", len(written), *bucket)
	return nil
}

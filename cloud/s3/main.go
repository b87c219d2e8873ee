// Command s3 walks through the S3 basics with the AWS SDK for Go v2: create a bucket,
// upload (PutObject for small objects, the transfer manager's multipart upload for
// big ones), list with a paginator, download, share with a presigned URL, delete.
//
// Credentials come from the SDK's default chain (AWS_ACCESS_KEY_ID/…SECRET_ACCESS_KEY,
// AWS_PROFILE, SSO, an instance role), never from code. -endpoint points it at an
// S3-compatible server; -endpoint= (empty) uses AWS itself.
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
	"time"

	"example.com/cloudgo/cloud/internal/s3client"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	tm "github.com/aws/aws-sdk-go-v2/feature/s3/transfermanager"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "s3:", err)
		os.Exit(1)
	}
}

const partSize = 8 << 20 // the transfer manager's default; S3's minimum is 5 MiB

func run(ctx context.Context, args []string, out io.Writer, cfgOpts ...func(*config.LoadOptions) error) error {
	fs := flag.NewFlagSet("s3", flag.ContinueOnError)
	endpoint := fs.String("endpoint", envOr("S3_ENDPOINT", "http://127.0.0.1:9000"), "S3 endpoint URL; empty for AWS (env S3_ENDPOINT)")
	bucket := fs.String("bucket", "cloudgo-demo", "bucket to create, use and delete")
	sizeMiB := fs.Int("size", 20, "size of the multipart upload, MiB")
	keep := fs.Bool("keep", false, "leave the bucket and its objects in place (to try s3backup on them)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	c, err := s3client.New(ctx, *endpoint, cfgOpts...)
	if err != nil {
		return err
	}
	b := aws.String(*bucket)

	// CreateBucket is the first network call, so it is where "nothing listens" shows.
	in := &s3.CreateBucketInput{Bucket: b}
	if r := c.Options().Region; r != "us-east-1" { // us-east-1 is S3's implicit default
		in.CreateBucketConfiguration = &types.CreateBucketConfiguration{LocationConstraint: types.BucketLocationConstraint(r)}
	}
	_, err = c.CreateBucket(ctx, in)
	var owned *types.BucketAlreadyOwnedByYou
	switch {
	case errors.As(err, &owned):
		fmt.Fprintf(out, "bucket %s: already yours, reusing it\n", *bucket)
	case s3client.Unreachable(err):
		return fmt.Errorf("S3 at %s is unreachable (start it with `make up`): %w", *endpoint, err)
	case err != nil:
		return fmt.Errorf("create bucket %s: %w", *bucket, err)
	default:
		fmt.Fprintf(out, "bucket %s: created\n", *bucket)
	}

	// A small object: one PutObject request, the body in memory.
	hello := "Hello from cloudgo!"
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: b, Key: aws.String("hello.txt"),
		Body: strings.NewReader(hello), ContentType: aws.String("text/plain; charset=utf-8")}); err != nil {
		return fmt.Errorf("put hello.txt: %w", err)
	}
	fmt.Fprintf(out, "put hello.txt: %d bytes\n", len(hello))

	// A big file: the transfer manager splits it into parts and uploads them in
	// parallel; a failed part is retried alone, not the whole file.
	src, sum, err := tempFile(int64(*sizeMiB) << 20)
	if err != nil {
		return err
	}
	defer os.Remove(src.Name())
	defer src.Close()
	tmc := tm.New(c, func(o *tm.Options) {
		o.PartSizeBytes = partSize
		// The transfer manager has its own checksum setting, which overrides the
		// client's: keep it "when required" too for S3-compatible servers.
		o.RequestChecksumCalculation = aws.RequestChecksumCalculationWhenRequired
	})
	up, err := tmc.UploadObject(ctx, &tm.UploadObjectInput{Bucket: b, Key: aws.String("big.bin"), Body: src})
	if err != nil {
		return fmt.Errorf("upload big.bin: %w", err)
	}
	// A multipart object's ETag is md5(part md5s) + "-" + the number of parts.
	_, parts, _ := strings.Cut(strings.Trim(aws.ToString(up.ETag), `"`), "-")
	fmt.Fprintf(out, "upload big.bin (%d MiB) with the transfer manager: ETag ends in -%s (%d MiB parts)\n", *sizeMiB, parts, partSize>>20)

	for i := range 25 {
		if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: b, Key: aws.String(fmt.Sprintf("logs/%04d.log", i)),
			Body: strings.NewReader(fmt.Sprintf("line %d\n", i))}); err != nil {
			return fmt.Errorf("put logs/%04d.log: %w", i, err)
		}
	}
	fmt.Fprintln(out, "put logs/0000.log … logs/0024.log")

	// One ListObjectsV2 call returns at most 1,000 keys (here: 10). The paginator
	// follows NextContinuationToken until the listing is complete.
	p := s3.NewListObjectsV2Paginator(c, &s3.ListObjectsV2Input{Bucket: b, Prefix: aws.String("logs/"), MaxKeys: aws.Int32(10)})
	var keys, pages int
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return fmt.Errorf("list %s/logs/: %w", *bucket, err)
		}
		keys, pages = keys+len(page.Contents), pages+1
	}
	fmt.Fprintf(out, "list logs/ 10 keys per page: %d keys in %d pages\n", keys, pages)

	got, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: b, Key: aws.String("hello.txt")})
	if err != nil {
		return fmt.Errorf("get hello.txt: %w", err)
	}
	body, err := io.ReadAll(got.Body)
	got.Body.Close()
	if err != nil {
		return fmt.Errorf("read hello.txt: %w", err)
	}
	fmt.Fprintf(out, "get hello.txt: %q (%s)\n", body, aws.ToString(got.ContentType))

	// Download in parallel ranges straight into a file (an io.WriterAt).
	dst, err := os.CreateTemp("", "cloud-s3-download-*")
	if err != nil {
		return err
	}
	defer os.Remove(dst.Name())
	defer dst.Close()
	if _, err := tmc.DownloadObject(ctx, &tm.DownloadObjectInput{Bucket: b, Key: aws.String("big.bin"), WriterAt: dst}); err != nil {
		return fmt.Errorf("download big.bin: %w", err)
	}
	dsum, n, err := sha256File(dst)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "download big.bin: %d bytes, SHA-256 matches the upload: %v\n", n, dsum == sum)

	// A presigned URL carries a signature that lets anyone holding it GET this one
	// object until it expires — no credentials on the receiving side.
	ps, err := s3.NewPresignClient(c).PresignGetObject(ctx, &s3.GetObjectInput{Bucket: b, Key: aws.String("hello.txt")},
		s3.WithPresignExpires(5*time.Minute))
	if err != nil {
		return fmt.Errorf("presign hello.txt: %w", err)
	}
	status, text, err := httpGet(ctx, ps.URL)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "presigned GET hello.txt (expires in 5m): %s %q\n", status, text)

	if *keep {
		fmt.Fprintf(out, "kept bucket %s (-keep)\n", *bucket)
		return nil
	}
	// A bucket must be empty before it can be deleted.
	n, err = emptyBucket(ctx, c, *bucket)
	if err != nil {
		return fmt.Errorf("empty %s: %w", *bucket, err)
	}
	if _, err := c.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: b}); err != nil {
		return fmt.Errorf("delete bucket %s: %w", *bucket, err)
	}
	fmt.Fprintf(out, "deleted %d objects and bucket %s\n", n, *bucket)
	return nil
}

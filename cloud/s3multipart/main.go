// Command s3multipart uploads a big file with the transfer manager's multipart
// upload (parts in parallel, each retried alone), downloads it again in parallel
// ranges, and checks that the bytes that came back are the bytes that went up.
//
// Credentials come from the SDK's default chain, never from code; -endpoint points
// it at an S3-compatible server (-endpoint= for AWS). An existing bucket is refused
// unless -reuse-bucket is given; then only big.bin is deleted, never the bucket.
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

	"example.com/cloudgo/cloud/internal/cli"
	"example.com/cloudgo/cloud/internal/s3conn"
	"github.com/aws/aws-sdk-go-v2/aws"
	tm "github.com/aws/aws-sdk-go-v2/feature/s3/transfermanager"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("s3multipart", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("s3multipart", flag.ContinueOnError)
	fs.SetOutput(stderr)
	endpoint := fs.String("endpoint", cli.Env("S3_ENDPOINT", "http://127.0.0.1:9000"), "S3 endpoint URL; -endpoint= for AWS (env S3_ENDPOINT)")
	bucket := fs.String("bucket", "cloudgo-multipart-demo", "bucket to create, use and delete")
	reuse := fs.Bool("reuse-bucket", false, "use the bucket if it exists already (then only big.bin is deleted, never the bucket)")
	sizeMiB := fs.Int("size", 20, "size of the file to upload, MiB (1-1024)")
	partMiB := fs.Int("part-size", 8, "multipart part size, MiB (S3's minimum is 5)")
	timeout := fs.Duration("timeout", 5*time.Minute, "timeout for the whole run")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	switch {
	case *sizeMiB < 1 || *sizeMiB > 1024:
		return cli.Usagef("-size must be 1 to 1024 MiB, got %d", *sizeMiB)
	case *partMiB < 5 || *partMiB > 5*1024:
		return cli.Usagef("-part-size must be 5 to 5120 MiB (S3's limits), got %d", *partMiB)
	case *timeout <= 0:
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
	b, key := aws.String(*bucket), aws.String("big.bin")

	src, sum, err := tempFile(int64(*sizeMiB) << 20)
	if err != nil {
		return err
	}
	defer os.Remove(src.Name())
	defer src.Close()
	tmc := tm.New(c, func(o *tm.Options) {
		o.PartSizeBytes = int64(*partMiB) << 20
		// The transfer manager has its own checksum setting, which overrides the
		// client's: keep it "when required" too for S3-compatible servers.
		o.RequestChecksumCalculation = aws.RequestChecksumCalculationWhenRequired
	})
	up, err := tmc.UploadObject(ctx, &tm.UploadObjectInput{Bucket: b, Key: key, Body: src})
	if err != nil {
		return fmt.Errorf("upload big.bin to %s: %w", *bucket, err)
	}
	// A multipart object's ETag is md5(part md5s) + "-" + the number of parts.
	_, parts, _ := strings.Cut(strings.Trim(aws.ToString(up.ETag), `"`), "-")
	fmt.Fprintf(stdout, "upload big.bin (%d MiB) with the transfer manager: ETag ends in -%s (%d MiB parts)\n", *sizeMiB, parts, *partMiB)

	// Download in parallel ranges straight into a file (an io.WriterAt).
	dst, err := os.CreateTemp("", "cloud-s3-download-*")
	if err != nil {
		return err
	}
	defer os.Remove(dst.Name())
	defer dst.Close()
	_, err = tmc.DownloadObject(ctx, &tm.DownloadObjectInput{Bucket: b, Key: key, WriterAt: dst})
	var dsum [32]byte
	var n int64
	if err == nil {
		dsum, n, err = sha256File(dst)
	}
	// Clean up before judging the download: big.bin goes either way.
	if derr := s3conn.DeleteObjects(ctx, c, *bucket, []string{"big.bin"}); derr != nil {
		return errors.Join(err, derr)
	}
	if err != nil {
		return fmt.Errorf("download big.bin from %s: %w", *bucket, err)
	}
	if dsum != sum {
		return fmt.Errorf("download big.bin from %s: %d bytes whose SHA-256 differs from the upload's", *bucket, n)
	}
	fmt.Fprintf(stdout, "download big.bin in parallel ranges: %d bytes, SHA-256 matches the upload\n", n)
	if !created {
		fmt.Fprintf(stdout, "deleted big.bin; bucket %s stays (not created by this run)\n", *bucket)
		return nil
	}
	if _, err := c.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: b}); err != nil {
		return fmt.Errorf("delete bucket %s: %w", *bucket, err)
	}
	fmt.Fprintf(stdout, "deleted big.bin and bucket %s\n", *bucket)
	return nil
}

package main

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/cloud/internal/cli"
	"example.com/cloudgo/cloud/internal/s3conn"
	"example.com/cloudgo/cloud/internal/s3test"
	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/miniotest"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

func TestRun(t *testing.T) {
	s := miniotest.Endpoint(t)
	s3test.UseCredentials(t, s)
	c := s3test.Client(t, s)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	bucket := s3test.BucketName(t)
	var out, errOut strings.Builder
	if err := run(ctx, []string{"-endpoint", s.URL, "-bucket", bucket}, &out, &errOut); err != nil {
		s3test.RemoveBucket(t, c, bucket)
		t.Fatalf("%v\noutput so far:\n%s", err, out.String())
	}
	want := `bucket ` + bucket + `: created
put hello.txt: 19 bytes
put logs/0000.log … logs/0024.log
list logs/ 10 keys per page: 25 keys in 3 pages
get hello.txt: "Hello from cloudgo!" (text/plain; charset=utf-8)
deleted 26 objects and bucket ` + bucket + `
`
	if got := out.String(); got != want {
		t.Errorf("output differs\n got:\n%s\nwant:\n%s", got, want)
	}
	if _, err := c.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String(bucket)}); err == nil {
		t.Errorf("bucket %s still exists", bucket)
		s3test.RemoveBucket(t, c, bucket)
	}
}

// seedBucket makes a bucket of the test's own holding an object the program must
// never touch.
func seedBucket(t *testing.T, c *s3.Client) string {
	t.Helper()
	bucket := s3test.NewBucket(t, c)
	if _, err := c.PutObject(context.Background(), &s3.PutObjectInput{Bucket: aws.String(bucket),
		Key: aws.String("precious.txt"), Body: strings.NewReader("not the demo's")}); err != nil {
		t.Fatal(err)
	}
	return bucket
}

func keys(t *testing.T, c *s3.Client, bucket string) []string {
	t.Helper()
	out, err := c.ListObjectsV2(context.Background(), &s3.ListObjectsV2Input{Bucket: aws.String(bucket)})
	if err != nil {
		t.Fatalf("list %s: %v", bucket, err)
	}
	var ks []string
	for _, o := range out.Contents {
		ks = append(ks, aws.ToString(o.Key))
	}
	return ks
}

// TestRefusesExistingBucket (issue 13.1): a bucket that exists already is refused
// (it used to be "reused", then emptied and deleted); nothing in it is touched.
func TestRefusesExistingBucket(t *testing.T) {
	s := miniotest.Endpoint(t)
	s3test.UseCredentials(t, s)
	c := s3test.Client(t, s)
	bucket := seedBucket(t, c)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var out strings.Builder
	err := run(ctx, []string{"-endpoint", s.URL, "-bucket", bucket}, &out, &out)
	if !errors.Is(err, s3conn.ErrBucketExists) || cli.Code(err) != 1 || !strings.Contains(err.Error(), "-reuse-bucket") {
		t.Fatalf("got %v (exit %d); want ErrBucketExists naming -reuse-bucket, exit 1\n%s", err, cli.Code(err), out.String())
	}
	if got := keys(t, c, bucket); len(got) != 1 || got[0] != "precious.txt" {
		t.Errorf("bucket now holds %q, want only precious.txt", got)
	}
}

// TestReuseBucketDeletesOnlyItsOwnObjects (issue 13.1): with -reuse-bucket the run
// deletes the objects it wrote, keeps everything else, and never the bucket.
func TestReuseBucketDeletesOnlyItsOwnObjects(t *testing.T) {
	s := miniotest.Endpoint(t)
	s3test.UseCredentials(t, s)
	c := s3test.Client(t, s)
	bucket := seedBucket(t, c)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var out strings.Builder
	if err := run(ctx, []string{"-endpoint", s.URL, "-bucket", bucket, "-reuse-bucket", "-logs", "3"}, &out, &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "bucket "+bucket+": exists, reusing it") ||
		!strings.Contains(out.String(), "deleted the 4 objects this run wrote; bucket "+bucket+" stays") {
		t.Errorf("output:\n%s", out.String())
	}
	if got := keys(t, c, bucket); len(got) != 1 || got[0] != "precious.txt" {
		t.Errorf("bucket holds %q after the run, want only precious.txt", got)
	}
}

// TestWrongCredentials: the server refuses, the program says why, nothing is created.
func TestWrongCredentials(t *testing.T) {
	s := miniotest.Endpoint(t)
	s.SecretKey = "not-the-secret"
	s3test.UseCredentials(t, s)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	err := run(ctx, []string{"-endpoint", s.URL, "-bucket", s3test.BucketName(t)}, new(strings.Builder), new(strings.Builder))
	if err == nil || !strings.Contains(err.Error(), "SignatureDoesNotMatch") || cli.Code(err) != 1 {
		t.Fatalf("want SignatureDoesNotMatch, got %v", err)
	}
}

// TestUnreachable: nothing listens at the endpoint: one line naming it.
func TestUnreachable(t *testing.T) {
	s3test.UseCredentials(t, miniotest.S3{AccessKey: "x", SecretKey: "y"})
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	err := run(ctx, []string{"-endpoint", "http://127.0.0.1:1"}, new(strings.Builder), new(strings.Builder))
	if err == nil || !strings.Contains(err.Error(), "S3 at http://127.0.0.1:1 is unreachable (start it with `make up`)") {
		t.Fatalf("got %v", err)
	}
}

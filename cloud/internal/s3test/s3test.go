// Package s3test gives the cloud tests what they need on top of the service kit's
// S3 endpoint (example.com/cloudgo/internal/miniotest): credentials handed to the
// programs the way a shell would, a client built like the programs build theirs,
// and buckets of a test's own that are removed when it ends.
package s3test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"example.com/cloudgo/cloud/internal/s3conn"
	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/miniotest"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// UseCredentials hands s's credentials to the SDK's default chain through the
// environment, as a reader's shell (or CI) would, and hides any ~/.aws config.
func UseCredentials(t *testing.T, s miniotest.S3) {
	t.Helper()
	t.Setenv("AWS_ACCESS_KEY_ID", s.AccessKey)
	t.Setenv("AWS_SECRET_ACCESS_KEY", s.SecretKey)
	t.Setenv("AWS_REGION", s3conn.DefaultRegion)
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_PROFILE", "")
	os.Unsetenv("AWS_PROFILE")
}

// Client returns an S3 client for s, built like the programs build theirs (package
// s3conn) but with s's credentials instead of the default chain.
func Client(t testing.TB, s miniotest.S3) *s3.Client {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, err := s3conn.New(ctx, s.URL,
		config.WithRegion(s3conn.DefaultRegion),
		config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider(s.AccessKey, s.SecretKey, "")))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// BucketName returns a valid bucket name of the test's own (at most 63 bytes).
func BucketName(t testing.TB) string {
	t.Helper()
	return kit.Name(t, "", "-", 63)
}

// NewBucket creates a bucket of the test's own and removes it, with everything in
// it, when the test ends.
func NewBucket(t testing.TB, c *s3.Client) string {
	t.Helper()
	name := BucketName(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(name)}); err != nil {
		t.Fatalf("create bucket %s: %v", name, err)
	}
	t.Cleanup(func() { RemoveBucket(t, c, name) })
	return name
}

// RemoveBucket empties bucket and deletes it, failing the test if it cannot.
func RemoveBucket(t testing.TB, c *s3.Client, bucket string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := EmptyBucket(ctx, c, bucket); err != nil {
		t.Errorf("empty bucket %s: %v", bucket, err)
		return
	}
	if _, err := c.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String(bucket)}); err != nil {
		t.Errorf("delete bucket %s: %v", bucket, err)
	}
}

// EmptyBucket deletes every object in bucket. Keys DeleteObjects could not delete
// (it lists them in its answer, with a 200 status) are an error.
func EmptyBucket(ctx context.Context, c *s3.Client, bucket string) error {
	p := s3.NewListObjectsV2Paginator(c, &s3.ListObjectsV2Input{Bucket: aws.String(bucket)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return fmt.Errorf("list %s: %w", bucket, err)
		}
		keys := make([]string, 0, len(page.Contents))
		for _, o := range page.Contents {
			keys = append(keys, aws.ToString(o.Key))
		}
		if err := s3conn.DeleteObjects(ctx, c, bucket, keys); err != nil {
			return err
		}
	}
	return nil
}

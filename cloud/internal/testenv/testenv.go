// Package testenv hands the cloud tests the servers they talk to.
//
// For each service a test asks for, in this order:
//
//  1. If CLOUDGO_TEST_<SERVICE>_URL is set, that endpoint is used and nothing is
//     started: point the tests at a server you run yourself.
//  2. Otherwise the pinned image is started with testcontainers-go, once per test
//     package (the first test that asks starts it; Main terminates it at the end).
//  3. Without Docker the test is skipped with a hint saying how to run it, unless
//     CLOUDGO_REQUIRE_SERVICES=1 (CI sets it): then it fails, so a green run never hides
//     a service that was not tested.
//
// Tests never touch a server that was not handed to them explicitly.
package testenv

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"example.com/cloudgo/cloud/internal/s3client"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/testcontainers/testcontainers-go"
	tcminio "github.com/testcontainers/testcontainers-go/modules/minio"
)

// The images the tests pin. compose.yaml and .ci/images list the same references.
// MinIO stopped publishing images on Docker Hub; quay.io keeps the RELEASE tags.
const MinIOImage = "quay.io/minio/minio:RELEASE.2025-09-07T16-13-09Z"

// startTimeout bounds pulling (or finding) an image and waiting for the server to listen.
const startTimeout = 3 * time.Minute

var (
	mu      sync.Mutex
	started []testcontainers.Container // shared containers, terminated by Main
)

// Main runs the package's tests, then terminates the shared containers they started.
// Use it from TestMain:
//
//	func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }
func Main(m *testing.M) int {
	code := m.Run()
	mu.Lock()
	defer mu.Unlock()
	for _, c := range started {
		if err := testcontainers.TerminateContainer(c); err != nil {
			fmt.Fprintln(os.Stderr, "testenv: terminate container:", err)
		}
	}
	started = nil
	return code
}

// S3 is an S3-compatible endpoint and the credentials for it.
type S3 struct {
	URL       string // http://host:port
	AccessKey string
	SecretKey string
}

// Client returns an S3 client for s, built like the examples build theirs, but with
// s's credentials instead of the default chain.
func (s S3) Client(t testing.TB) *s3.Client {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, err := s3client.New(ctx, s.URL, s.Config()...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// Config is the LoadOptions that give the SDK s's credentials and a region.
func (s S3) Config() []func(*config.LoadOptions) error {
	return []func(*config.LoadOptions) error{
		config.WithRegion(s3client.DefaultRegion),
		config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider(s.AccessKey, s.SecretKey, "")),
	}
}

// MinIO returns an S3 endpoint for the tests: $CLOUDGO_TEST_S3_URL (with
// $CLOUDGO_TEST_S3_ACCESS_KEY / _SECRET_KEY, default minioadmin), or a MinIO
// container shared by the package.
func MinIO(t testing.TB) S3 {
	t.Helper()
	if url := os.Getenv("CLOUDGO_TEST_S3_URL"); url != "" {
		return S3{URL: url, AccessKey: envOr("CLOUDGO_TEST_S3_ACCESS_KEY", "minioadmin"), SecretKey: envOr("CLOUDGO_TEST_S3_SECRET_KEY", "minioadmin")}
	}
	RequireDocker(t)
	sharedMinIO.once.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
		defer cancel()
		// The module only sets the command (server /data), the root credentials and
		// a wait on /minio/health/live; it uses the image we pass as it is.
		var c *tcminio.MinioContainer
		err := retryReaper(func() error {
			var err error
			c, err = tcminio.Run(ctx, MinIOImage)
			if c != nil {
				keep(c)
			}
			return err
		})
		if err != nil {
			sharedMinIO.err = err
			return
		}
		addr, err := c.ConnectionString(ctx)
		sharedMinIO.s3, sharedMinIO.err = S3{URL: "http://" + addr, AccessKey: c.Username, SecretKey: c.Password}, err
	})
	if sharedMinIO.err != nil {
		t.Fatalf("start %s: %v", MinIOImage, sharedMinIO.err)
	}
	return sharedMinIO.s3
}

var sharedMinIO struct {
	once sync.Once
	s3   S3
	err  error
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

var notBucketChars = regexp.MustCompile(`[^a-z0-9-]+`)

// BucketName returns a fresh, valid bucket name derived from the test's name, so
// tests never share (or collide on) a bucket.
func BucketName(t testing.TB) string {
	t.Helper()
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	name := notBucketChars.ReplaceAllString(strings.ToLower(t.Name()), "-")
	return strings.Trim("cloudgo-"+name[:min(len(name), 40)], "-") + "-" + hex.EncodeToString(b)
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
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if err := EmptyBucket(ctx, c, name); err != nil {
			t.Errorf("empty bucket %s: %v", name, err)
			return
		}
		if _, err := c.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String(name)}); err != nil {
			t.Errorf("delete bucket %s: %v", name, err)
		}
	})
	return name
}

// EmptyBucket deletes every object in bucket, 1,000 keys per request.
func EmptyBucket(ctx context.Context, c *s3.Client, bucket string) error {
	p := s3.NewListObjectsV2Paginator(c, &s3.ListObjectsV2Input{Bucket: aws.String(bucket)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return err
		}
		if len(page.Contents) == 0 {
			continue
		}
		ids := make([]s3types.ObjectIdentifier, 0, len(page.Contents))
		for _, o := range page.Contents {
			ids = append(ids, s3types.ObjectIdentifier{Key: o.Key})
		}
		if _, err := c.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: aws.String(bucket), Delete: &s3types.Delete{Objects: ids, Quiet: aws.Bool(true)}}); err != nil {
			return err
		}
	}
	return nil
}

// RequireDocker skips the test (or fails it under CLOUDGO_REQUIRE_SERVICES=1) when no
// Docker engine answers.
func RequireDocker(t testing.TB) {
	t.Helper()
	dockerOnce.Do(func() { dockerErr = dockerHealth() })
	if dockerErr == nil {
		return
	}
	msg := fmt.Sprintf("no Docker engine (%v): start Docker and rerun `make test`, "+
		"or point the tests at your own servers with CLOUDGO_TEST_<SERVICE>_URL (see README.md)", dockerErr)
	if os.Getenv("CLOUDGO_REQUIRE_SERVICES") == "1" {
		t.Fatal("CLOUDGO_REQUIRE_SERVICES=1: " + msg)
	}
	t.Skip(msg)
}

var (
	dockerOnce sync.Once
	dockerErr  error
)

func dockerHealth() (err error) {
	// The provider panics in some broken setups instead of returning an error.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	p, err := testcontainers.ProviderDefault.GetProvider()
	if err != nil {
		return err
	}
	defer p.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return p.Health(ctx)
}

// keep hands c to Main to terminate, also when its start failed half-way.
func keep(c testcontainers.Container) {
	if c == nil || reflect.ValueOf(c).IsNil() {
		return
	}
	mu.Lock()
	defer mu.Unlock()
	started = append(started, c)
}

// retryReaper runs start once more when it failed because the session's reaper (Ryuk)
// was going away just as this package found it: the reaper of the previous test
// package stops after that package's last container, and the next package may find
// it "removing", or see its new container removed with the old reaper's session
// ("marked for removal"; testcontainers-go issue #3867). The second try gets a fresh
// reaper. Any other error is returned at once.
func retryReaper(start func() error) error {
	err := start()
	if err != nil && (strings.Contains(err.Error(), "reaper") || strings.Contains(err.Error(), "marked for removal")) {
		time.Sleep(2 * time.Second)
		err = start()
	}
	return err
}

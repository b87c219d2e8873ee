package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/cloud/internal/testenv"
)

func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }

// useCredentials hands the credentials to the SDK's default chain through the
// environment, as a reader's shell (or CI) would, and hides any ~/.aws config.
func useCredentials(t *testing.T, s testenv.S3) {
	t.Setenv("AWS_ACCESS_KEY_ID", s.AccessKey)
	t.Setenv("AWS_SECRET_ACCESS_KEY", s.SecretKey)
	t.Setenv("AWS_REGION", "us-east-1")
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(t.TempDir(), "none"))
	os.Unsetenv("AWS_PROFILE")
}

func TestRun(t *testing.T) {
	s := testenv.MinIO(t)
	useCredentials(t, s)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	bucket := testenv.BucketName(t)
	var out strings.Builder
	if err := run(ctx, []string{"-endpoint", s.URL, "-bucket", bucket}, &out); err != nil {
		t.Fatalf("%v\noutput so far:\n%s", err, out.String())
	}
	want := `bucket ` + bucket + `: created
put hello.txt: 19 bytes
upload big.bin (20 MiB) with the transfer manager: ETag ends in -3 (8 MiB parts)
put logs/0000.log … logs/0024.log
list logs/ 10 keys per page: 25 keys in 3 pages
get hello.txt: "Hello from cloudgo!" (text/plain; charset=utf-8)
download big.bin: 20971520 bytes, SHA-256 matches the upload: true
presigned GET hello.txt (expires in 5m): 200 OK "Hello from cloudgo!"
deleted 27 objects and bucket ` + bucket + `
`
	if got := out.String(); got != want {
		t.Errorf("output differs\n got:\n%s\nwant:\n%s", got, want)
	}
}

// TestWrongCredentials: the server refuses, the program says why, nothing is created.
func TestWrongCredentials(t *testing.T) {
	s := testenv.MinIO(t)
	s.SecretKey = "not-the-secret"
	useCredentials(t, s)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	err := run(ctx, []string{"-endpoint", s.URL, "-bucket", testenv.BucketName(t)}, new(strings.Builder))
	if err == nil || !strings.Contains(err.Error(), "SignatureDoesNotMatch") {
		t.Fatalf("want SignatureDoesNotMatch, got %v", err)
	}
}

// TestUnreachable: nothing listens at the endpoint: one line naming it.
func TestUnreachable(t *testing.T) {
	useCredentials(t, testenv.S3{AccessKey: "x", SecretKey: "y"})
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	err := run(ctx, []string{"-endpoint", "http://127.0.0.1:1"}, new(strings.Builder))
	if err == nil || !strings.Contains(err.Error(), "S3 at http://127.0.0.1:1 is unreachable (start it with `make up`)") {
		t.Fatalf("got %v", err)
	}
}

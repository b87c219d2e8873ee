package main

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/cloud/internal/s3test"
	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/miniotest"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

// TestRun: a client without credentials GETs the object through the presigned
// URL; the same signature does not open another key.
func TestRun(t *testing.T) {
	s := miniotest.Endpoint(t)
	s3test.UseCredentials(t, s)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	bucket := s3test.BucketName(t)
	var out strings.Builder
	if err := run(ctx, []string{"-endpoint", s.URL, "-bucket", bucket}, &out, &out); err != nil {
		s3test.RemoveBucket(t, s3test.Client(t, s), bucket)
		t.Fatalf("%v\noutput so far:\n%s", err, out.String())
	}
	want := `bucket ` + bucket + `: created
put report.txt
presigned GET report.txt (expires in 5m0s), no credentials: 200 OK "quarterly numbers"
the same signature for other.txt: 403 Forbidden
deleted report.txt and bucket ` + bucket + `
`
	if got := out.String(); got != want {
		t.Errorf("output differs\n got:\n%s\nwant:\n%s", got, want)
	}
}

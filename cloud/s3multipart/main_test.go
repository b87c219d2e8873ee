package main

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/cloud/internal/cli"
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
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	bucket := s3test.BucketName(t)
	var out strings.Builder
	if err := run(ctx, []string{"-endpoint", s.URL, "-bucket", bucket}, &out, &out); err != nil {
		s3test.RemoveBucket(t, s3test.Client(t, s), bucket)
		t.Fatalf("%v\noutput so far:\n%s", err, out.String())
	}
	want := `bucket ` + bucket + `: created
upload big.bin (20 MiB) with the transfer manager: ETag ends in -3 (8 MiB parts)
download big.bin in parallel ranges: 20971520 bytes, SHA-256 matches the upload
deleted big.bin and bucket ` + bucket + `
`
	if got := out.String(); got != want {
		t.Errorf("output differs\n got:\n%s\nwant:\n%s", got, want)
	}
}

// flipFirstByte corrupts a body in transit.
type flipFirstByte struct {
	io.ReadCloser
	done bool
}

func (f *flipFirstByte) Read(p []byte) (int, error) {
	n, err := f.ReadCloser.Read(p)
	if n > 0 && !f.done {
		p[0] ^= 0xff
		f.done = true
	}
	return n, err
}

// TestCorruptDownloadFails (issue 13.14): bytes that come back different from
// the upload are a failure (exit 1), not "SHA-256 matches the upload: false" and
// exit 0. A proxy in front of MinIO flips a byte of every downloaded range.
func TestCorruptDownloadFails(t *testing.T) {
	s := miniotest.Endpoint(t)
	s3test.UseCredentials(t, s)
	c := s3test.Client(t, s)
	bucket := s3test.NewBucket(t, c)
	target, err := url.Parse(s.URL)
	if err != nil {
		t.Fatal(err)
	}
	proxy := httptest.NewServer(&httputil.ReverseProxy{
		Rewrite: func(r *httputil.ProxyRequest) {
			r.SetURL(target)
			r.Out.Host = r.In.Host // the host the client signed
		},
		ModifyResponse: func(resp *http.Response) error {
			if resp.Request.Method == http.MethodGet && strings.HasSuffix(resp.Request.URL.Path, "/big.bin") {
				resp.Body = &flipFirstByte{ReadCloser: resp.Body}
			}
			return nil
		},
	})
	defer proxy.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	var out strings.Builder
	err = run(ctx, []string{"-endpoint", proxy.URL, "-bucket", bucket, "-reuse-bucket", "-size", "6", "-part-size", "5"}, &out, &out)
	if err == nil || cli.Code(err) != 1 || !strings.Contains(err.Error(), "SHA-256 differs from the upload") {
		t.Fatalf("got %v (exit %d); want a SHA-256 failure, exit 1\n%s", err, cli.Code(err), out.String())
	}
	if strings.Contains(out.String(), "matches") {
		t.Errorf("printed a match for corrupt bytes:\n%s", out.String())
	}
	// big.bin is cleaned up anyway; the bucket (not the run's own) stays.
	list, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(bucket)})
	if err != nil || len(list.Contents) != 0 {
		t.Errorf("after the run: %v objects, %v", len(list.Contents), err)
	}
}

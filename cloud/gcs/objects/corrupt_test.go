package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"testing"
	"time"

	"cloud.google.com/go/storage"
	"example.com/cloudgo/cloud/internal/cli"
	"example.com/cloudgo/cloud/internal/gcsconn"
	"example.com/cloudgo/internal/gcstest"
	"example.com/cloudgo/internal/kit"
)

// TestCorruptDownloadFails: through a proxy that flips a byte of every object
// download (not of the JSON API's metadata), the run fails with exit status 1
// naming the download and the CRC — and still deletes its bucket.
func TestCorruptDownloadFails(t *testing.T) {
	target, err := url.Parse(gcstest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	proxy := httptest.NewServer(&httputil.ReverseProxy{
		Rewrite: func(r *httputil.ProxyRequest) { r.SetURL(target) }, // Host: the server's public host
		ModifyResponse: func(resp *http.Response) error {
			r := resp.Request
			if r.Method != http.MethodGet || strings.HasPrefix(r.URL.Path, "/storage/v1/") || !strings.HasSuffix(r.URL.Path, ".csv") {
				return nil
			}
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if len(body) > 0 {
				body[0] ^= 0x20
			}
			resp.Body = io.NopCloser(bytes.NewReader(body))
			return err
		},
	})
	defer proxy.Close()

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	bucket := kit.Name(t, "", "-", 63)
	err = run(ctx, []string{"-emulator", strings.TrimPrefix(proxy.URL, "http://"), "-project", "test", "-bucket", bucket}, io.Discard, io.Discard)
	if cli.Code(err) != 1 || !strings.Contains(err.Error(), "download reports/2026/q1.csv") || !strings.Contains(err.Error(), "CRC") {
		t.Errorf("got exit %d, %v; want exit 1, the download's CRC mismatch", cli.Code(err), err)
	}
	t.Log(err)
	c, err := gcsconn.New(ctx, target.Host)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Bucket(bucket).Attrs(ctx); !errors.Is(err, storage.ErrBucketNotExist) {
		t.Errorf("bucket %s after the failed run: %v; want it deleted", bucket, err)
	}
}

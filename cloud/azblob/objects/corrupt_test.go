package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/cloud/internal/cli"
	"example.com/cloudgo/internal/azuritetest"
	"example.com/cloudgo/internal/kit"
)

// TestCorruptDownloadFails: through a proxy that flips a byte of every blob
// download, the run fails with exit status 1 naming the download and the MD5 (the
// SDK does not check downloads itself: the program does).
func TestCorruptDownloadFails(t *testing.T) {
	az := azuritetest.Endpoint(t)
	target, err := url.Parse(az.URL)
	if err != nil {
		t.Fatal(err)
	}
	target.Path = ""
	proxy := httptest.NewServer(&httputil.ReverseProxy{
		Rewrite: func(r *httputil.ProxyRequest) { r.SetURL(target) },
		ModifyResponse: func(resp *http.Response) error {
			if resp.Request.Method != http.MethodGet || !strings.HasSuffix(resp.Request.URL.Path, ".csv") {
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
	az.URL = proxy.URL + "/" + az.AccountName
	t.Setenv("AZURE_STORAGE_CONNECTION_STRING", az.ConnectionString())
	t.Setenv("AZURE_STORAGE_ACCOUNT_URL", "")

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	err = run(ctx, []string{"-container", kit.Name(t, "", "-", 63)}, io.Discard, io.Discard)
	if cli.Code(err) != 1 || !strings.Contains(err.Error(), "download reports/2026/q1.csv: MD5") {
		t.Errorf("got exit %d, %v; want exit 1, the download's MD5 mismatch", cli.Code(err), err)
	}
}

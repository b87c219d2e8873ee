package main

import (
	"context"
	"io"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/cloud/internal/azconn"
	"example.com/cloudgo/cloud/internal/cli"
	"example.com/cloudgo/cloud/internal/gcsconn"
	"example.com/cloudgo/cloud/internal/s3test"
	"example.com/cloudgo/internal/azuritetest"
	"example.com/cloudgo/internal/gcstest"
	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/miniotest"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

// want is what every provider gives the same code: the same bytes, content types,
// metadata and MD5s, the same one-level listing, the same error kinds.
const want = `write reports/2026/q1.csv: 34 bytes, text/csv, owner=finance
write reports/2026/q2.csv: 35 bytes, text/csv, owner=finance
write reports/README.txt: 29 bytes, text/plain; charset=utf-8, owner=finance
write reports/2026/q1.csv again only if absent: gcerrors.FailedPrecondition
list reports/ delimiter /: reports/2026/, reports/README.txt
read reports/2026/q1.csv: "region,revenue\nnorth,120\nsouth,95\n", MD5 matches, text/csv, owner=finance
read reports/2025/q4.csv: gcerrors.NotFound
deleted the 3 objects written
`

// TestSameEverywhere runs the identical program over MinIO (s3://),
// fake-gcs-server (gs://) and Azurite (azblob://), each configured through its
// provider's own environment variables, with -create making each bucket through
// the native client. A second run on the existing bucket gives the same output.
func TestSameEverywhere(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	name := kit.Name(t, "", "-", 63)

	s := miniotest.Endpoint(t)
	s3test.UseCredentials(t, s)
	t.Cleanup(func() { s3test.RemoveBucket(t, s3test.Client(t, s), name) })

	t.Setenv("STORAGE_EMULATOR_HOST", gcstest.Host(t))
	t.Setenv("GOOGLE_CLOUD_PROJECT", "test")
	t.Cleanup(func() {
		c, err := gcsconn.New(context.Background(), gcstest.Host(t))
		if err == nil {
			_, err = gcsconn.DeleteBucket(context.Background(), c, name)
		}
		if err != nil {
			t.Errorf("delete gs://%s: %v", name, err)
		}
	})

	for _, k := range []string{"AZURE_STORAGE_ACCOUNT", "AZURE_STORAGE_KEY", "AZURE_STORAGE_SAS_TOKEN"} {
		t.Setenv(k, "")
	}
	az := azuritetest.Endpoint(t)
	t.Setenv("AZURE_STORAGE_CONNECTION_STRING", az.ConnectionString())
	azHost, err := url.Parse(az.URL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c, err := azconn.New("")
		if err == nil {
			_, err = c.DeleteContainer(context.Background(), name, nil)
		}
		if err != nil {
			t.Errorf("delete azblob://%s: %v", name, err)
		}
	})

	for _, u := range []string{
		"s3://" + name + "?use_path_style=true&endpoint=" + url.QueryEscape(s.URL),
		"gs://" + name,
		// The Go CDK refuses plain HTTP except to a local emulator on a loopback
		// address, which the URL must then name (the connection string's endpoint
		// is what the requests go to).
		"azblob://" + name + "?localemu=true&domain=" + azHost.Host,
	} {
		scheme := u[:strings.Index(u, ":")]
		for run1 := range 2 {
			var out strings.Builder
			if err := run(ctx, []string{"-create", u}, &out, &out); err != nil {
				t.Fatalf("%s: %v\noutput so far:\n%s", u, err, out.String())
			}
			if got, head := out.String(), "== "+scheme+"://"+name+"\n"; got != head+want {
				t.Errorf("%s, run %d: output differs\n got:\n%s\nwant:\n%s", scheme, run1+1, got, head+want)
			}
		}
	}
}

// TestUnreachable: nothing listens at the endpoint: one line naming it.
func TestUnreachable(t *testing.T) {
	t.Setenv("AWS_ACCESS_KEY_ID", "x")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "y")
	t.Setenv("AWS_REGION", "us-east-1")
	addr := "127.0.0.1:" + kit.FreePort(t)
	err := run(context.Background(), []string{"-timeout", "30s", "s3://b?use_path_style=true&endpoint=http://" + addr}, io.Discard, io.Discard)
	if cli.Code(err) != 1 || !strings.Contains(err.Error(), addr) || !strings.Contains(err.Error(), "is unreachable (start it with `make up`)") || strings.Contains(err.Error(), "\n") {
		t.Errorf("got exit %d, %v", cli.Code(err), err)
	}
}

// TestBadArguments: no URL, an unknown scheme and bad flag values are usage
// errors (exit status 2), before anything is contacted.
func TestBadArguments(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "at least one bucket URL"},
		{[]string{"ftp://b"}, "known scheme"},
		{[]string{"bucket-without-scheme"}, "known scheme"},
		{[]string{"-timeout", "0s", "gs://b"}, "-timeout"},
		{[]string{"-prefix", "", "gs://b"}, "-prefix"},
		{[]string{"-prefix", "/abs/", "gs://b"}, "-prefix"},
		{[]string{"-no-such-flag"}, "no-such-flag"},
	} {
		var stderr strings.Builder
		err := run(context.Background(), tc.args, io.Discard, &stderr)
		if cli.Code(err) != 2 || !strings.Contains(err.Error()+stderr.String(), tc.want) {
			t.Errorf("%q: exit %d, %v (stderr %q); want exit 2 mentioning %q", tc.args, cli.Code(err), err, stderr.String(), tc.want)
		}
	}
	if err := run(context.Background(), []string{"-h"}, io.Discard, io.Discard); cli.Code(err) != 0 {
		t.Errorf("-h: exit %d, %v", cli.Code(err), err)
	}
}

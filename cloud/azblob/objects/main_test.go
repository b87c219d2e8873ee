package main

import (
	"context"
	"crypto/md5"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/cloud/internal/cli"
	"example.com/cloudgo/internal/azuritetest"
	"example.com/cloudgo/internal/kit"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

// useAzurite hands the emulator's connection string to the program through the
// environment, as a shell would.
func useAzurite(t *testing.T) {
	t.Setenv("AZURE_STORAGE_CONNECTION_STRING", azuritetest.Endpoint(t).ConnectionString())
	t.Setenv("AZURE_STORAGE_ACCOUNT_URL", "")
}

// TestRun: uploads with content type, metadata and MD5, the one-level listing, the
// checked download and the cleanup, against Azurite.
func TestRun(t *testing.T) {
	useAzurite(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	name := kit.Name(t, "", "-", 63)
	var out strings.Builder
	if err := run(ctx, []string{"-container", name}, &out, &out); err != nil {
		t.Fatalf("%v\noutput so far:\n%s", err, out.String())
	}
	want := "container " + name + ": created\n"
	for _, b := range blobs {
		want += fmt.Sprintf("upload %s: %d bytes, %s, metadata owner=finance, MD5 %x\n", b.name, len(b.body), b.contentType, md5.Sum([]byte(b.body)))
	}
	want += `list prefix reports/ delimiter /: reports/README.txt, reports/2026/
download reports/2026/q1.csv: 34 bytes, MD5 matches, text/csv, owner=finance
deleted container ` + name + ` and its 3 blobs
`
	if got := out.String(); got != want {
		t.Errorf("output differs\n got:\n%s\nwant:\n%s", got, want)
	}
	// Run again with the same name: the container is gone, so it is created anew.
	if err := run(ctx, []string{"-container", name}, io.Discard, io.Discard); err != nil {
		t.Errorf("second run: %v", err)
	}
}

// TestUnreachable: nothing listens at the connection string's endpoint: one line
// naming it.
func TestUnreachable(t *testing.T) {
	addr := "127.0.0.1:" + kit.FreePort(t)
	t.Setenv("AZURE_STORAGE_CONNECTION_STRING", "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://"+addr+"/devstoreaccount1;")
	t.Setenv("AZURE_STORAGE_ACCOUNT_URL", "")
	err := run(context.Background(), []string{"-timeout", "30s"}, io.Discard, io.Discard)
	if cli.Code(err) != 1 || !strings.Contains(err.Error(), "at http://"+addr+"/devstoreaccount1/ is unreachable (start it with `make up`)") || strings.Contains(err.Error(), "\n") {
		t.Errorf("got exit %d, %v", cli.Code(err), err)
	}
}

package main

import (
	"context"
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

// TestRun: a client without credentials reads the blob through the SAS; the same
// token opens no other blob and cannot write (Azurite checks SAS signatures and
// permissions with the account key).
func TestRun(t *testing.T) {
	t.Setenv("AZURE_STORAGE_CONNECTION_STRING", azuritetest.Endpoint(t).ConnectionString())
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	name := kit.Name(t, "", "-", 63)
	var out strings.Builder
	if err := run(ctx, []string{"-container", name}, &out, &out); err != nil {
		t.Fatalf("%v\noutput so far:\n%s", err, out.String())
	}
	want := `container ` + name + `: created
upload report.txt
GET with a read-only SAS (expires in 5m0s), no credentials: 200 OK "quarterly numbers"
the same SAS for other.txt: 403 Server failed to authenticate the request. Make sure the value of the Authorization header is formed correctly including the signature.
PUT with the read-only SAS: 403 This request is not authorized to perform this operation using this permission.
deleted container ` + name + `
`
	if got := out.String(); got != want {
		t.Errorf("output differs\n got:\n%s\nwant:\n%s", got, want)
	}
}

// TestUnreachable: nothing listens at the connection string's endpoint.
func TestUnreachable(t *testing.T) {
	addr := "127.0.0.1:" + kit.FreePort(t)
	t.Setenv("AZURE_STORAGE_CONNECTION_STRING", "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://"+addr+"/devstoreaccount1;")
	err := run(context.Background(), []string{"-timeout", "30s"}, io.Discard, io.Discard)
	if cli.Code(err) != 1 || !strings.Contains(err.Error(), "at http://"+addr+"/devstoreaccount1/ is unreachable (start it with `make up`)") || strings.Contains(err.Error(), "\n") {
		t.Errorf("got exit %d, %v", cli.Code(err), err)
	}
}

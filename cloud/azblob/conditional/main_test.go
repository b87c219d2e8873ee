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

// TestRun: the second create-only write and the second writer of the same ETag
// overwrite nothing (412 for the stale ETag); the retry on the new ETag succeeds.
func TestRun(t *testing.T) {
	t.Setenv("AZURE_STORAGE_CONNECTION_STRING", azuritetest.Endpoint(t).ConnectionString())
	t.Setenv("AZURE_STORAGE_ACCOUNT_URL", "")
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	name := kit.Name(t, "", "-", 63)
	var out strings.Builder
	if err := run(ctx, []string{"-container", name}, &out, &out); err != nil {
		t.Fatalf("%v\noutput so far:\n%s", err, out.String())
	}
	want := `container ` + name + `: created
create config.json only if absent (If-None-Match: *): written
create it again only if absent: 409 BlobAlreadyExists: nothing was overwritten
writer A, If-Match the ETag it read: written, the blob has a new ETag
writer B, If-Match the same ETag: 412 ConditionNotMet: the condition did not hold, nothing was overwritten
writer B re-reads the ETag and retries: written
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
	t.Setenv("AZURE_STORAGE_ACCOUNT_URL", "")
	err := run(context.Background(), []string{"-timeout", "30s"}, io.Discard, io.Discard)
	if cli.Code(err) != 1 || !strings.Contains(err.Error(), "at http://"+addr+"/devstoreaccount1/ is unreachable (start it with `make up`)") || strings.Contains(err.Error(), "\n") {
		t.Errorf("got exit %d, %v", cli.Code(err), err)
	}
}

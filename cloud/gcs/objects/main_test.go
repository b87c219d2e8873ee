package main

import (
	"context"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/cloud/internal/cli"
	"example.com/cloudgo/cloud/internal/gcsconn"
	"example.com/cloudgo/internal/gcstest"
	"example.com/cloudgo/internal/kit"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

// TestRun: uploads with content type, metadata and CRC32C, the one-level listing,
// the checked download and the cleanup, against fake-gcs-server reached through
// STORAGE_EMULATOR_HOST as a shell would set it.
func TestRun(t *testing.T) {
	t.Setenv("STORAGE_EMULATOR_HOST", gcstest.Host(t))
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	bucket := kit.Name(t, "", "-", 63)
	var out strings.Builder
	if err := run(ctx, []string{"-project", "test", "-bucket", bucket}, &out, &out); err != nil {
		t.Fatalf("%v\noutput so far:\n%s", err, out.String())
	}
	// The CRC32Cs are the server's (the writer's attributes after Close): they
	// must be the ones computed here.
	want := "bucket " + bucket + ": created in project test\n"
	for _, o := range objects {
		want += fmt.Sprintf("upload %s: %d bytes, %s, metadata owner=finance, CRC32C %08x\n",
			o.name, len(o.body), o.contentType, crc32.Checksum([]byte(o.body), crc32.MakeTable(crc32.Castagnoli)))
	}
	want += `list prefix reports/ delimiter /: reports/README.txt, reports/2026/
download reports/2026/q1.csv: 34 bytes, CRC32C matches, text/csv, owner=finance
deleted 3 objects and bucket ` + bucket + `
`
	if got := out.String(); got != want {
		t.Errorf("output differs\n got:\n%s\nwant:\n%s", got, want)
	}
}

// TestExistingBucketRefused: a bucket that exists already is not taken over.
func TestExistingBucketRefused(t *testing.T) {
	t.Setenv("STORAGE_EMULATOR_HOST", gcstest.Host(t))
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	bucket := kit.Name(t, "", "-", 63)
	args := []string{"-project", "test", "-bucket", bucket}
	c, err := gcsconn.New(ctx, gcstest.Host(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Bucket(bucket).Create(ctx, "test", nil); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Bucket(bucket).Delete(context.Background()) })
	err = run(ctx, args, io.Discard, io.Discard)
	if cli.Code(err) != 1 || !strings.Contains(err.Error(), "bucket already exists") {
		t.Errorf("got exit %d, %v; want exit 1, bucket already exists", cli.Code(err), err)
	}
}

// TestUnreachable: nothing listens at the emulator address: one line naming it.
func TestUnreachable(t *testing.T) {
	addr := "127.0.0.1:" + kit.FreePort(t)
	err := run(context.Background(), []string{"-emulator", addr, "-project", "p", "-timeout", "20s"}, io.Discard, io.Discard)
	if cli.Code(err) != 1 || !strings.Contains(err.Error(), "at "+addr+" is unreachable (start it with `make up`)") || strings.Contains(err.Error(), "\n") {
		t.Errorf("got exit %d, %v", cli.Code(err), err)
	}
}

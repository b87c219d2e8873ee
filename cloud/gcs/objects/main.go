// Command objects is Google Cloud Storage's basics with cloud.google.com/go/storage:
// create a bucket, upload objects with a content type, custom metadata and a CRC32C
// the server checks, list one "directory" level with a prefix and a delimiter,
// download with a CRC32C check of the bytes, and delete what the run created.
//
// Credentials come from Application Default Credentials; -emulator (or
// STORAGE_EMULATOR_HOST, as the SDK documents) points it at fake-gcs-server.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"cloud.google.com/go/storage"
	"example.com/cloudgo/cloud/internal/cli"
	"example.com/cloudgo/cloud/internal/gcsconn"
	"google.golang.org/api/iterator"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("objects", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// castagnoli is the CRC32C polynomial Cloud Storage uses.
var castagnoli = crc32.MakeTable(crc32.Castagnoli)

var objects = []struct{ name, contentType, body string }{
	{"reports/2026/q1.csv", "text/csv", "region,revenue\nnorth,120\nsouth,95\n"},
	{"reports/2026/q2.csv", "text/csv", "region,revenue\nnorth,131\nsouth,102\n"},
	{"reports/README.txt", "text/plain; charset=utf-8", "Quarterly revenue by region.\n"},
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("objects", flag.ContinueOnError)
	fs.SetOutput(stderr)
	emulator := fs.String("emulator", cli.Env("STORAGE_EMULATOR_HOST", ""), "emulator host:port; empty for Google Cloud (env STORAGE_EMULATOR_HOST)")
	project := fs.String("project", cli.Env("GOOGLE_CLOUD_PROJECT", ""), "project the new bucket belongs to (env GOOGLE_CLOUD_PROJECT)")
	bucket := fs.String("bucket", "cloudgo-gcs-demo", "bucket to create, use and delete (names are global)")
	timeout := fs.Duration("timeout", time.Minute, "timeout for the whole run")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if *project == "" {
		return cli.Usagef("-project (or GOOGLE_CLOUD_PROJECT) is required to create a bucket")
	}
	if *timeout <= 0 {
		return cli.Usagef("-timeout must be positive, got %s", *timeout)
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	c, err := gcsconn.New(ctx, *emulator)
	if err != nil {
		return err
	}
	defer c.Close()
	where := gcsconn.Where(*emulator)
	switch err := gcsconn.CreateBucket(ctx, c, *project, *bucket, nil); {
	case gcsconn.Unreachable(err):
		return fmt.Errorf("the Cloud Storage API at %s is unreachable (start it with `make up`): %w", where, err)
	case err != nil:
		return fmt.Errorf("create bucket %s at %s: %w", *bucket, where, err)
	}
	fmt.Fprintf(stdout, "bucket %s: created in project %s\n", *bucket, *project)
	err = tour(ctx, c.Bucket(*bucket), stdout)
	n, derr := gcsconn.DeleteBucket(ctx, c, *bucket)
	if err = errors.Join(err, derr); err != nil {
		return fmt.Errorf("gs://%s at %s: %w", *bucket, where, err)
	}
	fmt.Fprintf(stdout, "deleted %d objects and bucket %s\n", n, *bucket)
	return nil
}

func tour(ctx context.Context, b *storage.BucketHandle, stdout io.Writer) error {
	for _, o := range objects {
		w := b.Object(o.name).NewWriter(ctx)
		w.ContentType = o.contentType
		w.Metadata = map[string]string{"owner": "finance"}
		// The server recomputes the CRC32C and rejects the upload if it differs.
		w.CRC32C, w.SendCRC32C = crc32.Checksum([]byte(o.body), castagnoli), true
		_, err := io.WriteString(w, o.body)
		if err = errors.Join(err, w.Close()); err != nil { // Close completes the upload (or fails)
			return fmt.Errorf("upload %s: %w", o.name, err)
		}
		fmt.Fprintf(stdout, "upload %s: %d bytes, %s, metadata owner=finance, CRC32C %08x\n", o.name, len(o.body), o.contentType, w.Attrs().CRC32C)
	}
	// A delimiter turns the flat namespace into one level of "directories":
	// deeper names come back once each, as a prefix.
	var level []string
	it := b.Objects(ctx, &storage.Query{Prefix: "reports/", Delimiter: "/"})
	for {
		a, err := it.Next()
		if errors.Is(err, iterator.Done) {
			break
		}
		if err != nil {
			return fmt.Errorf("list reports/: %w", err)
		}
		level = append(level, a.Name+a.Prefix) // one of the two is set
	}
	fmt.Fprintf(stdout, "list prefix reports/ delimiter /: %s\n", strings.Join(level, ", "))

	o := b.Object(objects[0].name)
	r, err := o.NewReader(ctx)
	var data []byte
	if err == nil {
		data, err = io.ReadAll(r) // a full read: the SDK checks the CRC32C itself too
		err = errors.Join(err, r.Close())
	}
	attrs, aerr := o.Attrs(ctx)
	if err = errors.Join(err, aerr); err != nil {
		return fmt.Errorf("download %s: %w", o.ObjectName(), err)
	}
	if got := crc32.Checksum(data, castagnoli); got != attrs.CRC32C {
		return fmt.Errorf("download %s: CRC32C %08x, the object's is %08x: corrupted in transit", o.ObjectName(), got, attrs.CRC32C)
	}
	fmt.Fprintf(stdout, "download %s: %d bytes, CRC32C matches, %s, owner=%s\n", o.ObjectName(), len(data), attrs.ContentType, attrs.Metadata["owner"])
	return nil
}

package main

import (
	"bytes"
	"context"
	"crypto/md5"
	"fmt"
	"io"
	"strings"

	"gocloud.dev/blob"
	"gocloud.dev/gcerrors"
)

var objects = []struct{ key, contentType, body string }{
	{"reports/2026/q1.csv", "text/csv", "region,revenue\nnorth,120\nsouth,95\n"},
	{"reports/2026/q2.csv", "text/csv", "region,revenue\nnorth,131\nsouth,102\n"},
	{"reports/README.txt", "text/plain; charset=utf-8", "Quarterly revenue by region.\n"},
}

// tour is the portable part: nothing in it knows which provider b is. Keys are
// printed without prefix so that every provider's output is the same.
func tour(ctx context.Context, b *blob.Bucket, prefix string, stdout io.Writer) (err error) {
	written := 0
	defer func() { // delete what this run wrote, also after a failure
		for _, o := range objects[:written] {
			if derr := b.Delete(ctx, prefix+o.key); derr != nil && err == nil {
				err = fmt.Errorf("delete %s: %w", o.key, derr)
			}
		}
		if err == nil {
			fmt.Fprintf(stdout, "deleted the %d objects written\n", written)
		}
	}()
	for _, o := range objects {
		sum := md5.Sum([]byte(o.body))
		// ContentMD5 is checked by the provider on upload (or kept, on Azure's
		// staged uploads) and comes back in the attributes.
		err := b.WriteAll(ctx, prefix+o.key, []byte(o.body), &blob.WriterOptions{
			ContentType: o.contentType, ContentMD5: sum[:], Metadata: map[string]string{"owner": "finance"}})
		if err != nil {
			return fmt.Errorf("write %s: %w", o.key, err)
		}
		written++
		fmt.Fprintf(stdout, "write %s: %d bytes, %s, owner=finance\n", o.key, len(o.body), o.contentType)
	}
	err = b.WriteAll(ctx, prefix+objects[0].key, []byte("overwritten"), &blob.WriterOptions{IfNotExist: true})
	fmt.Fprintf(stdout, "write %s again only if absent: %s\n", objects[0].key, kind(err))
	if gcerrors.Code(err) != gcerrors.FailedPrecondition {
		return fmt.Errorf("write %s if absent: want FailedPrecondition, got %v", objects[0].key, err)
	}

	var level []string
	it := b.List(&blob.ListOptions{Prefix: prefix + "reports/", Delimiter: "/"})
	for {
		o, err := it.Next(ctx)
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("list %sreports/: %w", prefix, err)
		}
		level = append(level, strings.TrimPrefix(o.Key, prefix))
	}
	fmt.Fprintf(stdout, "list reports/ delimiter /: %s\n", strings.Join(level, ", "))

	key := objects[0].key
	data, err := b.ReadAll(ctx, prefix+key)
	if err != nil {
		return fmt.Errorf("read %s: %w", key, err)
	}
	attrs, err := b.Attributes(ctx, prefix+key)
	if err != nil {
		return fmt.Errorf("attributes of %s: %w", key, err)
	}
	if sum := md5.Sum(data); !bytes.Equal(sum[:], attrs.MD5) {
		return fmt.Errorf("read %s: MD5 %x, the stored one is %x", key, sum, attrs.MD5)
	}
	fmt.Fprintf(stdout, "read %s: %q, MD5 matches, %s, owner=%s\n", key, data, attrs.ContentType, attrs.Metadata["owner"])

	_, err = b.ReadAll(ctx, prefix+"reports/2025/q4.csv")
	fmt.Fprintf(stdout, "read reports/2025/q4.csv: %s\n", kind(err))
	if gcerrors.Code(err) != gcerrors.NotFound {
		return fmt.Errorf("read a missing key: want NotFound, got %v", err)
	}
	return nil
}

// kind names an error by its portable kind.
func kind(err error) string {
	if err == nil {
		return "no error"
	}
	return "gcerrors." + gcerrors.Code(err).String()
}

package main

import (
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

func envOr(name, def string) string {
	if v, ok := os.LookupEnv(name); ok {
		return v
	}
	return def
}

// tempFile writes size bytes of seeded pseudo-random data (incompressible, so no
// layer can cheat) to a temporary file and returns it rewound, with its SHA-256.
func tempFile(size int64) (*os.File, [32]byte, error) {
	f, err := os.CreateTemp("", "cloud-s3-upload-*")
	if err != nil {
		return nil, [32]byte{}, err
	}
	h := sha256.New()
	rng := rand.NewChaCha8([32]byte{'c', 'l', 'o', 'u', 'd', 'g', 'o'})
	if _, err := io.CopyN(io.MultiWriter(f, h), rng, size); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, [32]byte{}, fmt.Errorf("write %s: %w", f.Name(), err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, [32]byte{}, err
	}
	return f, [32]byte(h.Sum(nil)), nil
}

func sha256File(f *os.File) ([32]byte, int64, error) {
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return [32]byte{}, 0, err
	}
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return [32]byte{}, 0, fmt.Errorf("read %s: %w", f.Name(), err)
	}
	return [32]byte(h.Sum(nil)), n, nil
}

func httpGet(ctx context.Context, url string) (status, body string, err error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return "", "", err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", "", fmt.Errorf("GET presigned URL: %w", err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	return resp.Status, string(b), err
}

// emptyBucket deletes every object in bucket, up to 1,000 keys per DeleteObjects.
func emptyBucket(ctx context.Context, c *s3.Client, bucket string) (int64, error) {
	var n int64
	p := s3.NewListObjectsV2Paginator(c, &s3.ListObjectsV2Input{Bucket: aws.String(bucket)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return n, err
		}
		if len(page.Contents) == 0 {
			continue
		}
		ids := make([]types.ObjectIdentifier, 0, len(page.Contents))
		for _, o := range page.Contents {
			ids = append(ids, types.ObjectIdentifier{Key: o.Key})
		}
		res, err := c.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: aws.String(bucket),
			Delete: &types.Delete{Objects: ids, Quiet: aws.Bool(true)}})
		if err != nil {
			return n, err
		}
		// DeleteObjects reports per-key failures in the body, not as an error.
		if len(res.Errors) > 0 {
			e := res.Errors[0]
			return n, fmt.Errorf("delete %s: %s %s (and %d more)", aws.ToString(e.Key), aws.ToString(e.Code), aws.ToString(e.Message), len(res.Errors)-1)
		}
		n += int64(len(ids))
	}
	return n, nil
}

package s3backup

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"io"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// fakeS3 serves a fixed listing, for keys no real server would store (MinIO, being
// file-backed, refuses "../x"; AWS S3 accepts it) and for corrupted bodies.
type fakeS3 struct {
	objects map[string]string // key → body
	corrupt map[string]string // key → body served instead (ETag stays the real one)
}

func (f *fakeS3) ListObjectsV2(_ context.Context, in *s3.ListObjectsV2Input, _ ...func(*s3.Options)) (*s3.ListObjectsV2Output, error) {
	out := &s3.ListObjectsV2Output{}
	for k, v := range f.objects {
		out.Contents = append(out.Contents, types.Object{Key: aws.String(k), ETag: aws.String(etag(v)), Size: aws.Int64(int64(len(v)))})
	}
	return out, nil
}

func (f *fakeS3) GetObject(_ context.Context, in *s3.GetObjectInput, _ ...func(*s3.Options)) (*s3.GetObjectOutput, error) {
	body := f.objects[*in.Key]
	if c, ok := f.corrupt[*in.Key]; ok {
		body = c
	}
	return &s3.GetObjectOutput{Body: io.NopCloser(strings.NewReader(body)), LastModified: aws.Time(time.Unix(1e9, 0))}, nil
}

func etag(body string) string {
	sum := md5.Sum([]byte(body))
	return `"` + hex.EncodeToString(sum[:]) + `"`
}

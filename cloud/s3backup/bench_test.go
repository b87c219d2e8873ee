package s3backup

import (
	"bytes"
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"example.com/cloudgo/cloud/internal/s3test"
	"example.com/cloudgo/internal/miniotest"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// BenchmarkBackup: a full backup of 400 objects of 256 KiB (105 MB) with 1 and
// with 8 download workers.
//
//	go test -run '^$' -bench Backup -benchtime 3x ./s3backup
func BenchmarkBackup(b *testing.B) {
	const n, size = 400, 256 << 10
	c := s3test.Client(b, miniotest.Endpoint(b))
	bucket := s3test.NewBucket(b, c)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
	defer cancel()
	var wg sync.WaitGroup
	sem := make(chan struct{}, 16)
	for i := range n {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			body := bytes.Repeat([]byte{byte(i)}, size)
			if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(fmt.Sprintf("obj/%04d", i)),
				Body: bytes.NewReader(body)}); err != nil {
				b.Error(err)
			}
		})
	}
	wg.Wait()
	for _, workers := range []int{1, 8} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			b.SetBytes(n * size)
			for b.Loop() {
				st, err := Run(ctx, c, Options{Bucket: bucket, Dir: b.TempDir(), Workers: workers})
				if err != nil || st.Downloaded != n {
					b.Fatalf("%+v %v", st, err)
				}
			}
		})
	}
}

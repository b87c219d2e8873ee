package main

import (
	"context"
	"io"
	"testing"
	"time"

	"example.com/cloudgo/cloud/internal/s3test"
	"example.com/cloudgo/internal/miniotest"
	"github.com/aws/aws-sdk-go-v2/aws"
	tm "github.com/aws/aws-sdk-go-v2/feature/s3/transfermanager"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// BenchmarkUpload200MB: one PutObject request against the transfer manager's
// multipart upload (8 MiB parts, 5 in flight) for the same 200 MB file.
//
//	go test -run '^$' -bench Upload -benchtime 3x ./s3multipart
func BenchmarkUpload200MB(b *testing.B) {
	const size = 200_000_000
	s := miniotest.Endpoint(b)
	c := s3test.Client(b, s)
	bucket := s3test.NewBucket(b, c)
	f, _, err := tempFile(size)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
	defer cancel()

	b.Run("PutObject", func(b *testing.B) {
		b.SetBytes(size)
		for b.Loop() {
			if _, err := f.Seek(0, io.SeekStart); err != nil {
				b.Fatal(err)
			}
			if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String("single"),
				Body: f, ContentLength: aws.Int64(size)}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("transfermanager", func(b *testing.B) {
		tmc := tm.New(c, func(o *tm.Options) {
			o.PartSizeBytes = 8 << 20
			o.RequestChecksumCalculation = aws.RequestChecksumCalculationWhenRequired
		})
		b.SetBytes(size)
		for b.Loop() {
			if _, err := f.Seek(0, io.SeekStart); err != nil {
				b.Fatal(err)
			}
			if _, err := tmc.UploadObject(ctx, &tm.UploadObjectInput{Bucket: aws.String(bucket), Key: aws.String("multi"), Body: f}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

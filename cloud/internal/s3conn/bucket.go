package s3conn

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// ErrBucketExists is returned by CreateBucket for a bucket that already exists
// when the caller did not ask to reuse it.
var ErrBucketExists = errors.New("bucket already exists")

// CreateBucket creates bucket in the client's region. It reports whether this
// call created it: a program may delete only a bucket it created. An existing
// bucket of ours is an error wrapping ErrBucketExists unless reuse is set.
func CreateBucket(ctx context.Context, c *s3.Client, bucket string, reuse bool) (created bool, err error) {
	in := &s3.CreateBucketInput{Bucket: aws.String(bucket)}
	if r := c.Options().Region; r != "us-east-1" { // us-east-1 is S3's implicit default
		in.CreateBucketConfiguration = &types.CreateBucketConfiguration{LocationConstraint: types.BucketLocationConstraint(r)}
	}
	_, err = c.CreateBucket(ctx, in)
	var owned *types.BucketAlreadyOwnedByYou
	switch {
	case err == nil:
		return true, nil
	case errors.As(err, &owned) && reuse:
		return false, nil
	case errors.As(err, &owned):
		return false, fmt.Errorf("%w: %s is yours already; pass -reuse-bucket to use it "+
			"(then only the objects this run writes are deleted, never the bucket)", ErrBucketExists, bucket)
	}
	return false, err
}

// DeleteObjects deletes keys from bucket, up to 1,000 per request. DeleteObjects
// answers 200 even when some keys could not be deleted and lists those in its
// body: they are returned as an error here, not dropped.
func DeleteObjects(ctx context.Context, c *s3.Client, bucket string, keys []string) error {
	for len(keys) > 0 {
		batch := keys[:min(len(keys), 1000)]
		keys = keys[len(batch):]
		ids := make([]types.ObjectIdentifier, len(batch))
		for i, k := range batch {
			ids[i] = types.ObjectIdentifier{Key: aws.String(k)}
		}
		res, err := c.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: aws.String(bucket),
			Delete: &types.Delete{Objects: ids, Quiet: aws.Bool(true)}})
		if err != nil {
			return fmt.Errorf("delete objects in %s: %w", bucket, err)
		}
		if len(res.Errors) > 0 {
			msgs := make([]string, 0, min(len(res.Errors), 3))
			for _, e := range res.Errors[:min(len(res.Errors), 3)] {
				msgs = append(msgs, fmt.Sprintf("%s: %s %s", aws.ToString(e.Key), aws.ToString(e.Code), aws.ToString(e.Message)))
			}
			return fmt.Errorf("delete objects in %s: %d of %d keys not deleted (%s)", bucket, len(res.Errors), len(batch), strings.Join(msgs, "; "))
		}
	}
	return nil
}

package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"cloud.google.com/go/storage"
	"example.com/cloudgo/cloud/internal/s3conn"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/bloberror"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/container"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"gocloud.dev/blob"
	"google.golang.org/api/googleapi"
)

// createBucket creates the bucket b stands for unless it exists. The Go CDK has no
// "create bucket" (provisioning is not data access): As, its escape hatch, hands
// out the native client the bucket wraps. This is the one place in the program
// that knows the providers.
func createBucket(ctx context.Context, b *blob.Bucket, name, project string) error {
	var s3c *s3.Client
	var gcs *storage.Client
	var ctr *container.Client
	var err error
	switch {
	case b.As(&s3c):
		_, err = s3conn.CreateBucket(ctx, s3c, name, true)
	case b.As(&gcs):
		if project == "" {
			return fmt.Errorf("-create of a gs:// bucket needs -project (or GOOGLE_CLOUD_PROJECT)")
		}
		var g *googleapi.Error
		if err = gcs.Bucket(name).Create(ctx, project, nil); errors.As(err, &g) && g.Code == http.StatusConflict {
			// Ours, or someone else's (names are global): the tour tells which.
			err = nil
		}
	case b.As(&ctr):
		if _, err = ctr.Create(ctx, nil); bloberror.HasCode(err, bloberror.ContainerAlreadyExists) {
			err = nil
		}
	default:
		return fmt.Errorf("-create: no native client known for %s", name)
	}
	if err != nil {
		return fmt.Errorf("create bucket %s: %w", name, err)
	}
	return nil
}

// Package s3conn builds the S3 client every example here uses: one that talks to
// AWS, and also to S3-compatible servers (MinIO, Ceph RGW, SeaweedFS, Garage ...).
//
// Credentials and region come from the SDK's default chain — AWS_ACCESS_KEY_ID /
// AWS_SECRET_ACCESS_KEY, AWS_PROFILE and ~/.aws, SSO, an instance or task role —
// never from code or flags.
package s3conn

import (
	"context"
	"errors"
	"fmt"
	"net"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// DefaultRegion is used when neither AWS_REGION nor the shared config names one.
// S3-compatible servers mostly accept any region; us-east-1 is what they expect.
const DefaultRegion = "us-east-1"

// New returns an S3 client. With endpoint "" it resolves AWS's own endpoints (or
// AWS_ENDPOINT_URL_S3, which the SDK reads itself); otherwise it sends every request
// to endpoint, e.g. http://127.0.0.1:9000.
func New(ctx context.Context, endpoint string, optFns ...func(*config.LoadOptions) error) (*s3.Client, error) {
	cfg, err := config.LoadDefaultConfig(ctx, optFns...)
	if err != nil {
		return nil, fmt.Errorf("load AWS config: %w", err)
	}
	if cfg.Region == "" {
		cfg.Region = DefaultRegion
	}
	return s3.NewFromConfig(cfg, func(o *s3.Options) {
		if endpoint != "" {
			o.BaseEndpoint = aws.String(endpoint)
			// Virtual-hosted style (bucket.host) needs DNS for every bucket name;
			// a server on 127.0.0.1:9000 only answers path style (host/bucket/key).
			o.UsePathStyle = true
		}
		// Since SDK v1.73 (2025) every upload carries a CRC checksum in an aws-chunked
		// trailer by default. Servers that do not implement those trailers reject or
		// corrupt the upload; "when required" sends checksums only where the API
		// demands them (and Content-MD5 where S3 asks for it).
		o.RequestChecksumCalculation = aws.RequestChecksumCalculationWhenRequired
		o.ResponseChecksumValidation = aws.ResponseChecksumValidationWhenRequired
		// Objects uploaded without a checksum (most, on S3-compatible servers) would
		// log a line per GET when ChecksumMode is enabled.
		o.DisableLogOutputChecksumValidationSkipped = true
	}), nil
}

// Unreachable reports whether err means nothing answered at the endpoint: the
// connection could not be made (refused, no route, a dial timeout) or the host name
// does not resolve. A connection that breaks after the server answered (a reset in
// the middle of a download) is a failure of that request, not an unreachable
// server, and is not reported as one.
func Unreachable(err error) bool {
	var opErr *net.OpError
	var dnsErr *net.DNSError
	return errors.As(err, &dnsErr) || errors.As(err, &opErr) && opErr.Op == "dial"
}

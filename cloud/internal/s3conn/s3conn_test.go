package s3conn

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

func client(t *testing.T, endpoint string) *s3.Client {
	t.Helper()
	c, err := New(context.Background(), endpoint,
		config.WithRegion(DefaultRegion),
		config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("x", "y", "")),
		config.WithRetryMaxAttempts(1))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestUnreachable: only a failure to connect (refused, no such host, a dial
// timeout) means "nothing answers there"; a connection that breaks after the
// server answered is a failure of that request, not an unreachable server.
func TestUnreachable(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	// Nothing listens: the SDK's error for a refused connection.
	_, refused := client(t, "http://127.0.0.1:1").ListBuckets(ctx, &s3.ListBucketsInput{})
	if refused == nil || !Unreachable(refused) {
		t.Errorf("connection refused: Unreachable = false (%v)", refused)
	}
	for name, err := range map[string]error{
		"no such host": fmt.Errorf("wrapped: %w", &net.DNSError{Err: "no such host", Name: "minio.invalid", IsNotFound: true}),
		"dial timeout": &net.OpError{Op: "dial", Net: "tcp", Err: &timeoutError{}},
	} {
		if !Unreachable(err) {
			t.Errorf("%s: Unreachable = false (%v)", name, err)
		}
	}

	// The server answers, then the connection is reset in the middle of the body.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "1000")
		w.WriteHeader(http.StatusOK)
		w.Write(make([]byte, 10))
		w.(http.Flusher).Flush()
		conn, _, err := http.NewResponseController(w).Hijack()
		if err != nil {
			return
		}
		conn.(*net.TCPConn).SetLinger(0) // close with RST
		conn.Close()
	}))
	defer srv.Close()
	out, err := client(t, srv.URL).GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("b"), Key: aws.String("k")})
	if err == nil {
		_, err = io.ReadAll(out.Body)
		out.Body.Close()
	}
	if err == nil {
		t.Fatal("a body cut short read without an error")
	}
	if Unreachable(err) {
		t.Errorf("a connection reset mid-download is called unreachable: %v", err)
	}
	for name, err := range map[string]error{
		"read reset":  &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET},
		"write pipe":  fmt.Errorf("put: %w", &net.OpError{Op: "write", Net: "tcp", Err: syscall.EPIPE}),
		"plain error": errors.New("AccessDenied"),
	} {
		if Unreachable(err) {
			t.Errorf("%s: Unreachable = true (%v)", name, err)
		}
	}
}

type timeoutError struct{}

func (*timeoutError) Error() string   { return "i/o timeout" }
func (*timeoutError) Timeout() bool   { return true }
func (*timeoutError) Temporary() bool { return true }

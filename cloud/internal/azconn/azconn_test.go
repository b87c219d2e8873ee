package azconn

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/internal/kit"
)

// TestNewFromEnvironment: no credentials at all is ErrNoCredentials; a malformed
// connection string is reported without quoting it (it holds the account key).
func TestNewFromEnvironment(t *testing.T) {
	t.Setenv("AZURE_STORAGE_CONNECTION_STRING", "")
	if _, err := New(""); !errors.Is(err, ErrNoCredentials) {
		t.Errorf("no credentials: %v; want ErrNoCredentials", err)
	}
	t.Setenv("AZURE_STORAGE_CONNECTION_STRING", "AccountKey=s3cr3tKEY;no endpoint or account")
	_, err := New("")
	if err == nil || strings.Contains(err.Error(), "s3cr3tKEY") {
		t.Errorf("malformed connection string: %v; want an error that does not quote it", err)
	}
	t.Setenv("AZURE_STORAGE_CONNECTION_STRING", "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;")
	c, err := New("")
	if err != nil || c.URL() != "http://127.0.0.1:10000/devstoreaccount1/" {
		t.Errorf("connection string: %v, %v", c, err)
	}
}

// TestUnreachableNotRetried: where nothing listens the client gives up at once
// instead of backing off through the SDK's retries (10 s), and the error says so.
func TestUnreachableNotRetried(t *testing.T) {
	t.Setenv("AZURE_STORAGE_CONNECTION_STRING", "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:"+kit.FreePort(t)+"/devstoreaccount1;")
	c, err := New("")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	_, err = c.CreateContainer(ctx, "c", nil)
	if !Unreachable(err) || ctx.Err() != nil {
		t.Errorf("got %v (context: %v); want an unreachable error at once", err, ctx.Err())
	}
}

package azconn

import (
	"errors"
	"strings"
	"testing"
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

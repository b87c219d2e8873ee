package s3conn

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestDeleteObjectsReportsPerKeyErrors: DeleteObjects answers 200 and lists the
// keys it could not delete in the body; those must come back as an error.
func TestDeleteObjectsReportsPerKeyErrors(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, ok := r.URL.Query()["delete"]; !ok || r.Method != http.MethodPost {
			http.Error(w, "unexpected "+r.Method+" "+r.URL.String(), http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/xml")
		w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?>
<DeleteResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
<Error><Key>locked.txt</Key><Code>AccessDenied</Code><Message>Access Denied</Message></Error>
</DeleteResult>`))
	}))
	defer srv.Close()
	err := DeleteObjects(context.Background(), client(t, srv.URL), "b", []string{"a.txt", "locked.txt"})
	if err == nil || !strings.Contains(err.Error(), "locked.txt: AccessDenied") || !strings.Contains(err.Error(), "1 of 2 keys not deleted") {
		t.Fatalf("got %v; want the per-key failure of locked.txt", err)
	}
}

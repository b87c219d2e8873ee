package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
)

func TestRawRequestReadsWholeResponse(t *testing.T) {
	// A body bigger than the seed's single 4096-byte recv, flushed in pieces.
	body := strings.Repeat("0123456789abcdef", 1024)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Host == "" || r.URL.Path != "/big" {
			http.Error(w, "bad request line", http.StatusBadRequest)
			return
		}
		// With a known length the body is sent as is; without one, HTTP/1.1
		// would switch to chunked encoding, which a raw reader sees verbatim.
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.Write([]byte(body[:100]))
		w.(http.Flusher).Flush()
		w.Write([]byte(body[100:]))
	}))
	defer srv.Close()
	var out bytes.Buffer
	if err := run(context.Background(), []string{"-addr", srv.Listener.Addr().String(), "-path", "/big"}, &out); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	if !strings.HasPrefix(got, "HTTP/1.1 200 OK\r\n") {
		t.Errorf("status line: %q", got[:min(len(got), 40)])
	}
	if !strings.Contains(got, body) {
		t.Errorf("response body truncated: got %d bytes in total, body is %d", len(got), len(body))
	}
}

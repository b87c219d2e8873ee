package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"example.com/cloudgo/network/internal/cli"
)

func TestRawRequestReadsWholeResponse(t *testing.T) {
	// A body bigger than the Python original's single 4096-byte recv, flushed in pieces.
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
	if err := run(context.Background(), []string{"-addr", srv.Listener.Addr().String(), "-path", "/big"}, &out, io.Discard); err != nil {
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

// -path goes into the request line verbatim: CR/LF in it would let the flag
// smuggle headers or a whole second request. It is refused (exit 2) before
// anything is sent.
func TestPathWithCRLFIsRefused(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	accepted := make(chan struct{}, 1)
	go func() {
		if c, err := ln.Accept(); err == nil {
			accepted <- struct{}{}
			c.Close()
		}
	}()
	for _, path := range []string{"/ HTTP/1.1\r\nX-Injected: 1\r\n\r\nGET /", "/a\nb", "/a\rb", "/a b", "relative"} {
		err := run(context.Background(), []string{"-addr", ln.Addr().String(), "-path", path}, io.Discard, io.Discard)
		if cli.Code(err) != 2 || !strings.Contains(err.Error(), "-path") {
			t.Errorf("-path %q: err = %v (exit %d), want exit 2 naming -path", path, err, cli.Code(err))
		}
	}
	if err := run(context.Background(), []string{"-addr", "127.0.0.1:80\r\nX: y"}, io.Discard, io.Discard); cli.Code(err) != 2 {
		t.Errorf("-addr with CRLF: err = %v, want exit 2", err)
	}
	select {
	case <-accepted:
		t.Error("a request with a bad -path was sent")
	default:
	}
}

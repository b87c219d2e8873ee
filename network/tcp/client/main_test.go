package main

import (
	"bytes"
	"context"
	"log/slog"
	"net"
	"testing"

	"example.com/cloudgo/network/tcp/echo"
)

func TestClientAgainstServer(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := echo.NewServer(slog.New(slog.DiscardHandler))
	go srv.Serve(ln)
	defer srv.Shutdown(context.Background())

	var out bytes.Buffer
	if err := run(context.Background(), []string{"-addr", ln.Addr().String(), "hello", "framed world"}, &out); err != nil {
		t.Fatal(err)
	}
	want := "sent \"hello\", got \"hello\"\nsent \"framed world\", got \"framed world\"\n"
	if out.String() != want {
		t.Errorf("output:\n%s\nwant:\n%s", out.String(), want)
	}
	// A payload with a newline would be two frames: refused, not mangled.
	if err := run(context.Background(), []string{"-addr", ln.Addr().String(), "a\nb"}, &out); err == nil {
		t.Error("payload with newline was sent")
	}
}

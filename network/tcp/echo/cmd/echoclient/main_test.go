package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net"
	"strings"
	"testing"

	"example.com/cloudgo/network/internal/cli"
	"example.com/cloudgo/network/internal/nettest"
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
	if err := run(context.Background(), []string{"-addr", ln.Addr().String(), "hello", "framed world"}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	want := "sent \"hello\", got \"hello\"\nsent \"framed world\", got \"framed world\"\n"
	if out.String() != want {
		t.Errorf("output:\n%s\nwant:\n%s", out.String(), want)
	}
	// A payload with a newline would be two frames: refused, not mangled.
	if err := run(context.Background(), []string{"-addr", ln.Addr().String(), "a\nb"}, &out, io.Discard); err == nil {
		t.Error("payload with newline was sent")
	}
}

func TestUnreachableServerIsNamed(t *testing.T) {
	dead := nettest.FreeAddr(t)
	err := run(context.Background(), []string{"-addr", dead, "x"}, io.Discard, io.Discard)
	if cli.Code(err) != 1 || !strings.Contains(err.Error(), dead) {
		t.Errorf("err = %v, want exit 1 naming %s", err, dead)
	}
	if err := run(context.Background(), []string{"-timeout", "0s", "x"}, io.Discard, io.Discard); cli.Code(err) != 2 {
		t.Errorf("-timeout 0s: err = %v, want exit 2", err)
	}
}

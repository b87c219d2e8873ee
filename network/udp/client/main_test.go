package main

import (
	"bytes"
	"context"
	"net"
	"strings"
	"testing"

	"example.com/cloudgo/network/udp/echo"
)

func TestClientAgainstServer(t *testing.T) {
	conn, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- (&echo.Server{}).Serve(ctx, conn) }()
	defer func() { cancel(); <-done }()

	var out bytes.Buffer
	if err := run(context.Background(), []string{"-addr", conn.LocalAddr().String()}, &out); err != nil {
		t.Fatal(err)
	}
	want := "sent \"hello\", got \"hello\" (attempts: 1)\nsent \"datagram world\", got \"datagram world\" (attempts: 1)\n"
	if out.String() != want {
		t.Errorf("output:\n%s\nwant:\n%s", out.String(), want)
	}
	err = run(context.Background(), []string{"-addr", conn.LocalAddr().String(), strings.Repeat("x", 2000)}, &out)
	if err == nil || !strings.Contains(err.Error(), "too large") {
		t.Errorf("oversized payload: err = %v", err)
	}
}

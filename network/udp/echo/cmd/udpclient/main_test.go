package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"strings"
	"testing"

	"example.com/cloudgo/network/internal/cli"
	"example.com/cloudgo/network/internal/nettest"
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
	if err := run(context.Background(), []string{"-addr", conn.LocalAddr().String()}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	want := "sent \"hello\", got \"hello\" (attempts: 1)\nsent \"datagram world\", got \"datagram world\" (attempts: 1)\n"
	if out.String() != want {
		t.Errorf("output:\n%s\nwant:\n%s", out.String(), want)
	}
	err = run(context.Background(), []string{"-addr", conn.LocalAddr().String(), strings.Repeat("x", 2000)}, &out, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "too large") {
		t.Errorf("oversized payload: err = %v", err)
	}
}

func TestDeadServerAndBadFlags(t *testing.T) {
	dead := nettest.FreeAddr(t) // a TCP port that was free: almost surely no UDP listener either
	err := run(context.Background(), []string{"-addr", dead, "x"}, io.Discard, io.Discard)
	if cli.Code(err) != 1 || !strings.Contains(err.Error(), dead) {
		t.Errorf("dead server: err = %v, want exit 1 naming %s", err, dead)
	}
	for _, args := range [][]string{{"-attempts", "0"}, {"-attempts", "-1"}, {"-timeout", "0s"}} {
		err := run(context.Background(), append(args, "x"), io.Discard, io.Discard)
		if cli.Code(err) != 2 || !strings.Contains(err.Error(), args[0]) {
			t.Errorf("%v: err = %v (exit %d), want exit 2", args, err, cli.Code(err))
		}
	}
}

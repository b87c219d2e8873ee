package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net"
	"strings"
	"testing"

	"example.com/cloudgo/network/http/api"
	"example.com/cloudgo/network/internal/cli"
	"example.com/cloudgo/network/internal/nettest"
)

func TestClientAgainstServer(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	srv := api.NewServer(api.NewHandler(api.NewStore(), logger, api.DefaultConfig), logger, api.DefaultConfig)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- api.Serve(ctx, srv, ln, api.DefaultConfig.ShutdownGrace) }()
	defer func() { cancel(); <-done }()

	var out bytes.Buffer
	if err := run(context.Background(), []string{"-addr", ln.Addr().String()}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	want := "created {ID:1 Name:apples}\ncreated {ID:2 Name:pears}\nitem 1: {ID:1 Name:apples}\n" +
		"all items: [{ID:1 Name:apples} {ID:2 Name:pears}]\n"
	if out.String() != want {
		t.Errorf("output:\n%s\nwant:\n%s", out.String(), want)
	}
}

func TestUnreachableServerAndBadFlags(t *testing.T) {
	dead := nettest.FreeAddr(t)
	err := run(context.Background(), []string{"-addr", dead}, io.Discard, io.Discard)
	if cli.Code(err) != 1 || !strings.Contains(err.Error(), dead) {
		t.Errorf("dead server: err = %v, want exit 1 naming %s", err, dead)
	}
	for _, v := range []string{"0s", "-1s"} {
		if err := run(context.Background(), []string{"-timeout", v}, io.Discard, io.Discard); cli.Code(err) != 2 {
			t.Errorf("-timeout %s: err = %v, want exit 2", v, err)
		}
	}
}

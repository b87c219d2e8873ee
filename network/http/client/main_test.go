package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net"
	"testing"

	"example.com/cloudgo/network/http/api"
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
	if err := run(context.Background(), []string{"-addr", ln.Addr().String()}, &out); err != nil {
		t.Fatal(err)
	}
	want := "created {ID:1 Name:apples}\ncreated {ID:2 Name:pears}\nitem 1: {ID:1 Name:apples}\n" +
		"all items: [{ID:1 Name:apples} {ID:2 Name:pears}]\n"
	if out.String() != want {
		t.Errorf("output:\n%s\nwant:\n%s", out.String(), want)
	}
}

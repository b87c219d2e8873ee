package main

import (
	"context"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/network/internal/cli"
	"example.com/cloudgo/network/internal/nettest"
	"example.com/cloudgo/network/tcp/echo"
)

// Cancelling the context is what SIGINT does via signal.NotifyContext: the
// server stops even with an idle connection open, and logs a clean stop.
func TestServerStopsGracefullyOnSignal(t *testing.T) {
	addr, stop := nettest.StartServer(t, run, "-addr", "127.0.0.1:0", "-max-frame", "8")
	c, err := echo.Dial(context.Background(), addr, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if got, err := c.Send(ctx, "ping"); err != nil || got != "ping" {
		t.Fatalf("Send = %q, %v", got, err)
	}
	if got, _ := c.Send(ctx, "more than eight"); got != "ERR frame too large (max 8 bytes)" {
		t.Errorf("-max-frame not applied: %q", got)
	}
	idle, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer idle.Close()
	if logs := stop(); !strings.Contains(logs, "draining connections") {
		t.Errorf("log:\n%s", logs)
	}
}

func TestBadAddressIsNamed(t *testing.T) {
	err := run(context.Background(), []string{"-addr", "127.0.0.1:99999"}, io.Discard, io.Discard)
	if cli.Code(err) != 1 || !strings.Contains(err.Error(), "127.0.0.1:99999") {
		t.Errorf("bad address: err = %v, want exit 1 naming it", err)
	}
}

func TestBadFlagValues(t *testing.T) {
	for _, args := range [][]string{
		{"-max-frame", "0"}, {"-max-frame", "-5"}, {"-max-frame", "1000000000"},
		{"-read-timeout", "0s"}, {"-read-timeout", "-1s"},
	} {
		err := run(context.Background(), append([]string{"-addr", "127.0.0.1:0"}, args...), io.Discard, io.Discard)
		if cli.Code(err) != 2 || !strings.Contains(err.Error(), args[0]) {
			t.Errorf("%v: err = %v (exit %d), want exit 2 naming the flag", args, err, cli.Code(err))
		}
	}
}

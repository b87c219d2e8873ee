package main

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/network/internal/cli"
	"example.com/cloudgo/network/internal/nettest"
	"example.com/cloudgo/network/udp/echo"
)

func TestServeAndStopOnSignal(t *testing.T) {
	addr, stop := nettest.StartServer(t, run, "-addr", "127.0.0.1:0", "-max-payload", "8")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if res, err := echo.Exchange(ctx, addr, []byte("ping"), 3, 200*time.Millisecond); err != nil || string(res.Reply) != "ping" {
		t.Fatalf("exchange = %q, %v", res.Reply, err)
	}
	if res, _ := echo.Exchange(ctx, addr, []byte("more than 8"), 3, 200*time.Millisecond); string(res.Reply) != "ERR datagram too large (max 8 bytes)" {
		t.Errorf("-max-payload not applied: %q", res.Reply)
	}
	stop()
}

// -max-payload -2 used to panic (a negative buffer size); 0 meant "default".
func TestBadMaxPayload(t *testing.T) {
	for _, v := range []string{"-2", "0", "65508"} {
		err := run(context.Background(), []string{"-addr", "127.0.0.1:0", "-max-payload", v}, io.Discard, io.Discard)
		if cli.Code(err) != 2 || !strings.Contains(err.Error(), "-max-payload") {
			t.Errorf("-max-payload %s: err = %v (exit %d), want exit 2", v, err, cli.Code(err))
		}
	}
}

package main

import (
	"context"
	"testing"
	"time"

	"example.com/cloudgo/network/internal/testenv"
	"example.com/cloudgo/network/udp/echo"
)

func TestServeAndStopOnSignal(t *testing.T) {
	addr, stop := testenv.StartServer(t, run, "-addr", "127.0.0.1:0", "-max-payload", "8")
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

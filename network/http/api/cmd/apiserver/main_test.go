package main

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/network/http/api"
	"example.com/cloudgo/network/internal/cli"
	"example.com/cloudgo/network/internal/nettest"
)

func TestServeAndStopOnSignal(t *testing.T) {
	addr, stop := nettest.StartServer(t, run, "-addr", "127.0.0.1:0", "-handler-timeout", "100ms")
	hc := api.NewHTTPClient(2 * time.Second)
	defer hc.CloseIdleConnections()
	c := &api.Client{Base: "http://" + addr, HTTP: hc}
	if it, err := c.Create(context.Background(), "x"); err != nil || it.ID != 1 {
		t.Fatalf("create = %+v, %v", it, err)
	}
	resp, err := hc.Get("http://" + addr + "/slow?for=1s")
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("-handler-timeout not applied: /slow got %d", resp.StatusCode)
	}
	logs := stop()
	if !strings.Contains(logs, "method=POST path=/items status=201") {
		t.Errorf("access log missing:\n%s", logs)
	}
}

func TestBadFlagValues(t *testing.T) {
	for _, args := range [][]string{{"-handler-timeout", "0s"}, {"-handler-timeout", "-1s"}, {"-grace", "0s"}, {"-grace", "-1s"}} {
		err := run(context.Background(), append([]string{"-addr", "127.0.0.1:0"}, args...), io.Discard, io.Discard)
		if cli.Code(err) != 2 || !strings.Contains(err.Error(), args[0]) {
			t.Errorf("%v: err = %v (exit %d), want exit 2 naming the flag", args, err, cli.Code(err))
		}
	}
}

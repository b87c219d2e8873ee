package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/network/internal/cli"
	"example.com/cloudgo/network/internal/nettest"
)

var listening = regexp.MustCompile(`addr=http://(\S+) metrics=http://(\S+)/metrics`)

// The API and /metrics answer on separate ports; a fault injected on the API
// shows on /metrics under its route; SIGINT stops both.
func TestServeMetricsApart(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	logs := &nettest.Buffer{}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-metrics-addr", "127.0.0.1:0", "-faults"}, io.Discard, logs)
	}()
	var m []string
	for deadline := time.Now().Add(5 * time.Second); m == nil; m = listening.FindStringSubmatch(logs.String()) {
		select {
		case err := <-done:
			t.Fatalf("exited early: %v\n%s", err, logs)
		case <-time.After(10 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("no listening line:\n%s", logs)
		}
	}
	api, metricsAddr := m[1], m[2]
	if api == metricsAddr {
		t.Fatalf("API and metrics share %s", api)
	}
	get := func(url string, header ...string) (int, string) {
		req, _ := http.NewRequest("GET", url, nil)
		if len(header) == 2 {
			req.Header.Set(header[0], header[1])
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, _ := get("http://"+api+"/items", "X-Inject-Status", "502"); code != 502 {
		t.Errorf("injected 502: got %d", code)
	}
	if code, _ := get("http://" + api + "/metrics"); code != 404 {
		t.Errorf("/metrics on the API port: %d, want 404", code)
	}
	code, body := get("http://" + metricsAddr + "/metrics")
	if code != 200 || !strings.Contains(body, `http_requests_total{code="502",route="GET /items"} 1`) ||
		!strings.Contains(body, `http_requests_total{code="404",route="unmatched"} 1`) {
		t.Errorf("/metrics: %d\n%s", code, body)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("stop: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("still running 5s after SIGINT")
	}
	if !strings.Contains(logs.String(), "msg=stopped") {
		t.Errorf("no msg=stopped:\n%s", logs)
	}
}

func TestBadFlagValues(t *testing.T) {
	for _, args := range [][]string{{"-handler-timeout", "0s"}, {"-grace", "-1s"}, {"-metrics-addr", "no-port"}, {"-addr", "9464"}} {
		err := run(context.Background(), append([]string{"-addr", "127.0.0.1:0", "-metrics-addr", "127.0.0.1:0"}, args...), io.Discard, io.Discard)
		if cli.Code(err) != 2 || !strings.Contains(err.Error(), args[0]) {
			t.Errorf("%v: err = %v (exit %d), want exit 2 naming the flag", args, err, cli.Code(err))
		}
	}
	// A port in use is a runtime error naming the address.
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second) // never hang the test
	defer cancel()
	err = run(ctx, []string{"-addr", "127.0.0.1:0", "-metrics-addr", busy.Addr().String()}, io.Discard, io.Discard)
	if cli.Code(err) != 1 || !strings.Contains(err.Error(), busy.Addr().String()) {
		t.Errorf("port in use: err = %v (exit %d), want exit 1 naming %s", err, cli.Code(err), busy.Addr())
	}
}

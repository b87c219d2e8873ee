package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"example.com/cloudgo/cloud/webapp/internal/cli"
)

func TestHandler(t *testing.T) {
	var ready atomic.Bool
	ready.Store(true)
	srv := httptest.NewServer(newHandler("Hi", &ready))
	defer srv.Close()
	for _, tc := range []struct {
		path string
		code int
		body string
	}{
		{"/", 200, "Hi\n"},
		{"/healthz", 200, `{"status":"ok"}` + "\n"},
		{"/readyz", 200, `{"status":"ready"}` + "\n"},
		{"/nope", 404, "404 page not found\n"},
	} {
		if code, body := get(t, srv.URL+tc.path); code != tc.code || body != tc.body {
			t.Errorf("GET %s = %d %q, want %d %q", tc.path, code, body, tc.code, tc.body)
		}
	}
	ready.Store(false)
	if code, _ := get(t, srv.URL+"/readyz"); code != http.StatusServiceUnavailable {
		t.Errorf("readyz while shutting down: %d", code)
	}
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestFlagsAndEnvironment: the environment configures, flags override, and bad
// values (from either) are usage errors (exit 2) that name what was wrong.
func TestFlagsAndEnvironment(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		args []string
		want string
	}{
		{nil, []string{"-port", "-1"}, "-port must be 0 to 65535"},
		{nil, []string{"-port", "65536"}, "-port must be 0 to 65535"},
		{nil, []string{"-drain", "-1s"}, "-drain must be 0 or positive"},
		{nil, []string{"-shutdown-timeout", "0s"}, "-shutdown-timeout must be positive"},
		{map[string]string{"PORT": "http"}, nil, `PORT="http"`},
		{map[string]string{"SHUTDOWN_TIMEOUT": "soon"}, nil, `SHUTDOWN_TIMEOUT="soon"`},
		{map[string]string{"DRAIN_PERIOD": "-5s"}, nil, "-drain must be 0 or positive"},
		{map[string]string{"PORT": "99999"}, []string{"-port", "0", "-healthcheck"}, "health check"}, // the flag wins
	} {
		for k, v := range tc.env {
			t.Setenv(k, v)
		}
		err := run(context.Background(), tc.args, io.Discard, io.Discard)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("env %v args %q: got %v, want %q", tc.env, tc.args, err, tc.want)
		}
		if want := 2; tc.want == "health check" {
			if cli.Code(err) != 1 {
				t.Errorf("failed health check: exit %d, want 1", cli.Code(err))
			}
		} else if cli.Code(err) != want {
			t.Errorf("env %v args %q: exit %d, want 2", tc.env, tc.args, cli.Code(err))
		}
		for k := range tc.env {
			t.Setenv(k, "")
		}
	}
}

// TestServeDrainsBeforeShutdown (issue 13.12): after the signal, /readyz answers
// 503 while the server still accepts and serves, for the drain period — so a load
// balancer can see it — and a request in flight when the signal came completes.
// (Before, the 503 and the closed listener came in the same instant.)
func TestServeDrainsBeforeShutdown(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + ln.Addr().String()
	var ready atomic.Bool
	ready.Store(true)
	started, release := make(chan struct{}), make(chan struct{})
	app := newHandler("Hi", &ready)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/slow" {
			close(started)
			<-release
			io.WriteString(w, "slow but complete")
			return
		}
		app.ServeHTTP(w, r)
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	const drain = 2 * time.Second
	done := make(chan error, 1)
	go func() { done <- serve(ctx, ln, h, &ready, drain, 10*time.Second, slog.New(slog.DiscardHandler)) }()

	slow := make(chan string, 1)
	go func() {
		resp, err := http.Get(url + "/slow")
		if err != nil {
			slow <- "error: " + err.Error()
			return
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		slow <- string(b)
	}()
	<-started
	signalled := time.Now()
	cancel()

	// During the drain: readiness says no, but the server still answers.
	deadline := time.Now().Add(drain)
	for {
		code, _ := get(t, url+"/readyz")
		if code == http.StatusServiceUnavailable {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("/readyz still %d after the signal", code)
		}
	}
	if code, body := get(t, url+"/"); code != 200 || body != "Hi\n" {
		t.Errorf("GET / while draining: %d %q", code, body)
	}
	if time.Since(signalled) >= drain {
		t.Skipf("machine too slow to check within the %s drain", drain)
	}

	close(release)
	if got := <-slow; got != "slow but complete" {
		t.Errorf("request in flight at the signal: %q", got)
	}
	if err := <-done; err != nil {
		t.Fatalf("serve: %v", err)
	}
	if d := time.Since(signalled); d < drain {
		t.Errorf("shut down %s after the signal, before the %s drain period ended", d, drain)
	}
	if _, err := http.Get(url + "/healthz"); err == nil {
		t.Error("still accepting after shutdown")
	}
}

// TestRunStopsGracefully: run on a free port (-port 0), then cancelled: readiness
// turns 503 while requests are still answered, and run returns nil after logging
// "stopped".
func TestRunStopsGracefully(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		err := run(ctx, []string{"-port", "0", "-drain", "2s", "-greeting", "Servus"}, pw, io.Discard)
		pw.Close()
		done <- err
	}()
	logs := bufio.NewScanner(pr)
	next := func() map[string]any {
		t.Helper()
		if !logs.Scan() {
			t.Fatalf("log ended: %v", logs.Err())
		}
		var m map[string]any
		if err := json.Unmarshal(logs.Bytes(), &m); err != nil {
			t.Fatalf("log line %q: %v", logs.Text(), err)
		}
		return m
	}
	first := next()
	_, port, _ := net.SplitHostPort(first["addr"].(string))
	url := "http://127.0.0.1:" + port
	if code, body := get(t, url+"/"); code != 200 || body != "Servus\n" {
		t.Fatalf("GET /: %d %q", code, body)
	}
	cancel()
	if m := next(); m["msg"] != "draining" {
		t.Fatalf("after cancel: %v", m)
	}
	if code, _ := get(t, url+"/readyz"); code != http.StatusServiceUnavailable {
		t.Errorf("/readyz while draining: %d", code)
	}
	if code, body := get(t, url+"/"); code != 200 || body != "Servus\n" {
		t.Errorf("GET / while draining: %d %q", code, body)
	}
	for _, want := range []string{"shutting down", "stopped"} {
		if m := next(); m["msg"] != want {
			t.Errorf("log %v, want %q", m, want)
		}
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("run did not return after cancel")
	}
}

package main

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestLoadConfig(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	c, err := loadConfig(env(nil))
	if err != nil || c.Port != "8080" || c.Greeting != "Hello, World!" || c.ShutdownTimeout != 10*time.Second {
		t.Errorf("defaults: %+v, %v", c, err)
	}
	c, err = loadConfig(env(map[string]string{"PORT": "9000", "GREETING": "Servus", "SHUTDOWN_TIMEOUT": "3s"}))
	if err != nil || c.Port != "9000" || c.Greeting != "Servus" || c.ShutdownTimeout != 3*time.Second {
		t.Errorf("from env: %+v, %v", c, err)
	}
	for k, v := range map[string]string{"PORT": "http", "SHUTDOWN_TIMEOUT": "soon"} {
		if _, err := loadConfig(env(map[string]string{k: v})); err == nil || !strings.Contains(err.Error(), k) {
			t.Errorf("%s=%s: want an error naming it, got %v", k, v, err)
		}
	}
}

func TestHandler(t *testing.T) {
	var ready atomic.Bool
	ready.Store(true)
	srv := httptest.NewServer(newHandler(config{Greeting: "Hi"}, &ready))
	defer srv.Close()
	get := func(path string) (int, string) {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
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
		if code, body := get(tc.path); code != tc.code || body != tc.body {
			t.Errorf("GET %s = %d %q, want %d %q", tc.path, code, body, tc.code, tc.body)
		}
	}
	ready.Store(false)
	if code, _ := get("/readyz"); code != http.StatusServiceUnavailable {
		t.Errorf("readyz while shutting down: %d", code)
	}
}

// TestRunStopsGracefully: a request in flight when the signal arrives still gets
// its answer; then run returns nil.
func TestRunStopsGracefully(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	env := map[string]string{"PORT": "18093"}
	done := make(chan error, 1)
	go func() { done <- run(ctx, func(k string) string { return env[k] }, io.Discard) }()
	var resp *http.Response
	var err error
	for range 50 {
		if resp, err = http.Get("http://127.0.0.1:18093/healthz"); err == nil {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("run did not return after cancel")
	}
}

package api

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"example.com/cloudgo/network/internal/nettest"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

var testConfig = Config{HandlerTimeout: 300 * time.Millisecond, ReadHeaderTimeout: 200 * time.Millisecond, ShutdownGrace: 3 * time.Second}

// startServer runs the real server (all timeouts, all middleware) on a
// loopback port. stop shuts it down gracefully and returns Serve's error.
func startServer(t testing.TB, logs io.Writer) (base string, stop func() error) {
	t.Helper()
	return startServerWith(t, logs, testConfig)
}

func startServerWith(t testing.TB, logs io.Writer, cfg Config) (base string, stop func() error) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	logger := slog.New(slog.NewTextHandler(logs, nil))
	srv := NewServer(NewHandler(NewStore(), logger, cfg), logger, cfg)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, srv, ln, cfg.ShutdownGrace) }()
	var once sync.Once
	var serveErr error
	stop = func() error {
		once.Do(func() { cancel(); serveErr = <-done })
		return serveErr
	}
	t.Cleanup(func() {
		if err := stop(); err != nil {
			t.Errorf("stop server: %v", err)
		}
	})
	return "http://" + ln.Addr().String(), stop
}

func newClient(t testing.TB, base string) *Client {
	hc := NewHTTPClient(2 * time.Second)
	t.Cleanup(hc.CloseIdleConnections) // idle keep-alive conns are goroutines too
	return &Client{Base: base, HTTP: hc}
}

func TestItemsAPI(t *testing.T) {
	base, _ := startServer(t, io.Discard)
	c := newClient(t, base)
	ctx := context.Background()
	a, err := c.Create(ctx, "alpha")
	if err != nil || a != (Item{ID: 1, Name: "alpha"}) {
		t.Fatalf("create = %+v, %v", a, err)
	}
	if _, err := c.Create(ctx, "beta"); err != nil {
		t.Fatal(err)
	}
	got, err := c.Get(ctx, 1)
	if err != nil || got != a {
		t.Errorf("get 1 = %+v, %v", got, err)
	}
	items, err := c.List(ctx)
	if err != nil || len(items) != 2 || items[0].Name != "alpha" || items[1].Name != "beta" {
		t.Errorf("list = %+v, %v", items, err)
	}
	if _, err := c.Get(ctx, 99); err == nil || !strings.Contains(err.Error(), "404") {
		t.Errorf("get missing item: %v", err)
	}
}

func TestStatusCodes(t *testing.T) {
	base, _ := startServer(t, io.Discard)
	hc := NewHTTPClient(2 * time.Second)
	defer hc.CloseIdleConnections()
	cases := []struct {
		method, path, body string
		want               int
	}{
		{"GET", "/healthz", "", 200},
		{"POST", "/items", `{"name":"x"}`, 201},
		{"POST", "/items", `{"name":`, 400},                  // truncated JSON
		{"POST", "/items", `{"name":"x","admin":true}`, 400}, // unknown field
		{"POST", "/items", `{"name":"  "}`, 400},             // validation
		{"GET", "/items/abc", "", 400},
		{"DELETE", "/items/1", "", 204},
		{"DELETE", "/items/1", "", 404},
		{"PUT", "/items/1", "", 405}, // the pattern knows the methods
		{"GET", "/nowhere", "", 404},
		{"GET", "/slow?for=10ms", "", 200},
		{"GET", "/slow?for=2s", "", 503}, // Timeout middleware (300ms here)
	}
	for _, c := range cases {
		req, _ := http.NewRequest(c.method, base+c.path, strings.NewReader(c.body))
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatalf("%s %s: %v", c.method, c.path, err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != c.want {
			t.Errorf("%s %s %s = %d, want %d", c.method, c.path, c.body, resp.StatusCode, c.want)
		}
		if c.want == 405 && resp.Header.Get("Allow") == "" {
			t.Error("405 without an Allow header")
		}
	}
}

func TestRequestIDAndLogging(t *testing.T) {
	var logs syncBuffer
	base, stop := startServer(t, &logs)
	hc := NewHTTPClient(2 * time.Second)
	defer hc.CloseIdleConnections()

	req, _ := http.NewRequest("GET", base+"/healthz", nil)
	req.Header.Set("X-Request-ID", "trace-42")
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := resp.Header.Get("X-Request-ID"); got != "trace-42" {
		t.Errorf("caller's request ID not kept: %q", got)
	}
	req.Header.Set("X-Request-ID", "bad id\twith junk")
	resp, err = hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := resp.Header.Get("X-Request-ID"); len(got) != 16 {
		t.Errorf("junk request ID should be replaced by a fresh one, got %q", got)
	}
	stop()
	if !strings.Contains(logs.String(), "id=trace-42 method=GET path=/healthz status=200") {
		t.Errorf("access log missing the request:\n%s", logs.String())
	}
}

// Malformed HTTP never reaches a handler: net/http answers 400 itself.
func TestMalformedHTTPGets400(t *testing.T) {
	base, _ := startServer(t, io.Discard)
	addr := strings.TrimPrefix(base, "http://")
	for _, raw := range []string{
		"THIS IS NOT HTTP\r\n\r\n",
		"GET / HTTP/1.1\r\n\r\n",                                  // HTTP/1.1 without Host
		"GET / HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n",    // header without colon
		"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n", // impossible length
	} {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		conn.SetDeadline(time.Now().Add(2 * time.Second))
		io.WriteString(conn, raw)
		status, err := bufio.NewReader(conn).ReadString('\n')
		conn.Close()
		if err != nil || !strings.HasPrefix(status, "HTTP/1.1 400 ") {
			t.Errorf("%q got status line %q, %v; want 400", raw, status, err)
		}
	}
}

// A client that sends headers too slowly (slowloris) is cut off after
// ReadHeaderTimeout instead of holding a connection forever.
func TestSlowHeadersTimeOut(t *testing.T) {
	base, _ := startServer(t, io.Discard)
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	io.WriteString(conn, "GET /healthz HTTP/1.1\r\nHost: x\r\n") // ...and never the blank line
	began := time.Now()
	conn.SetReadDeadline(time.Now().Add(3 * time.Second))
	io.ReadAll(conn) // returns when the server hangs up
	if took := time.Since(began); took > 2*time.Second {
		t.Errorf("server kept a slow client %v (ReadHeaderTimeout is 200ms)", took)
	}
}

// Graceful shutdown, observed instead of timed: the request is known to be
// inside the handler (a channel), shutdown starts (the listener refuses new
// connections), Serve is still waiting for the request, and only when the
// handler is let go does the request complete and Serve return.
func TestGracefulShutdown(t *testing.T) {
	entered, release := make(chan struct{}), make(chan struct{})
	letGo := sync.OnceFunc(func() { close(release) })
	t.Cleanup(letGo) // never leave the handler blocked, even on failure
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(entered)
		<-release
		io.WriteString(w, "finished")
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	srv := NewServer(handler, slog.New(slog.DiscardHandler), testConfig)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	served := make(chan error, 1)
	go func() { served <- Serve(ctx, srv, ln, 10*time.Second) }()

	hc := NewHTTPClient(10 * time.Second)
	defer hc.CloseIdleConnections()
	inflight := make(chan string, 1)
	go func() {
		resp, err := hc.Get("http://" + addr + "/")
		if err != nil {
			inflight <- err.Error()
			return
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		inflight <- resp.Status + " " + string(body)
	}()
	<-entered
	cancel() // what SIGINT does
	deadline := time.Now().Add(5 * time.Second)
	for { // shutdown has begun once the listener refuses connections
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if errors.Is(err, syscall.ECONNREFUSED) {
			break
		}
		if err == nil {
			c.Close()
		}
		if time.Now().After(deadline) {
			t.Fatalf("listener still open 5s after shutdown began: %v", err)
		}
		runtime.Gosched()
	}
	select {
	case err := <-served:
		t.Fatalf("Serve returned (%v) while a request was still in its handler", err)
	default:
	}
	letGo()
	if got := <-inflight; got != "200 OK finished" {
		t.Errorf("in-flight request got %q, want it to complete", got)
	}
	if err := <-served; err != nil {
		t.Errorf("Serve after a graceful shutdown: %v", err)
	}
	if _, err := NewHTTPClient(time.Second).Get("http://" + addr + "/"); !errors.Is(err, syscall.ECONNREFUSED) {
		t.Errorf("request after shutdown: err = %v, want connection refused", err)
	}
}

// curl is an independent HTTP client: JSON in, status and JSON out.
func TestCurlPeer(t *testing.T) {
	curl := nettest.LookPath(t, "curl", "curl")
	base, _ := startServer(t, io.Discard)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, curl, "-sS", "--max-time", "5", "-w", "\n%{http_code}",
		"-H", "Content-Type: application/json", "-d", `{"name":"from curl"}`, base+"/items").Output()
	if err != nil {
		t.Fatalf("curl POST: %v", err)
	}
	i := strings.LastIndexByte(string(out), '\n')
	body, code := string(out[:i]), string(out[i+1:])
	var it Item
	if code != "201" || json.Unmarshal([]byte(body), &it) != nil || it.Name != "from curl" {
		t.Errorf("curl POST got %s %q", code, body)
	}
	out, err = exec.CommandContext(ctx, curl, "-sS", "--max-time", "5", "-o", "/dev/null", "-w", "%{http_code}",
		"-X", "PATCH", base+"/items/1").Output()
	if err != nil || string(out) != "405" {
		t.Errorf("curl PATCH = %q, %v; want 405", out, err)
	}
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

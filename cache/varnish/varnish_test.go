package varnish_test

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"example.com/cloudgo/cache/varnish"
	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/varnishtest"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

var (
	originOnce sync.Once
	originPort int
	originErr  error
)

// setup serves the origin from the test process (once for the package) and puts
// Varnish, with the repository's default.vcl, in front of it.
func setup(t *testing.T) varnishtest.Varnish {
	t.Helper()
	originOnce.Do(func() {
		addr := ":0" // all interfaces: the container comes in through the Docker host gateway
		if os.Getenv("CLOUDGO_TEST_VARNISH_URL") != "" {
			addr = ":8080" // where compose.yaml's Varnish looks for the origin
		}
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			originErr = fmt.Errorf("listen for the origin on %s: %w", addr, err)
			return
		}
		srv := &http.Server{Handler: varnish.Origin(), ReadHeaderTimeout: 5 * time.Second}
		go srv.Serve(ln) // lives as long as the test binary
		originPort = ln.Addr().(*net.TCPAddr).Port
	})
	if originErr != nil {
		t.Fatal(originErr)
	}
	return varnishtest.Start(t, "default.vcl", originPort)
}

// until asks f every 50 ms until it reports done, for at most 10 s: for what
// Varnish does as its clock ticks (Age grows, a TTL runs out).
func until(t *testing.T, what string, f func() (done bool)) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !f(); {
		if time.Now().After(deadline) {
			t.Fatalf("after 10 s still not: %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func do(t *testing.T, method, url string) varnish.Response {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	r, err := varnish.Do(ctx, method, url)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// path gives each test its own URLs, so that tests never share cached objects.
func path(t *testing.T, ttl int) string {
	return fmt.Sprintf("/ttl/%d?test=%s", ttl, t.Name())
}

func TestSecondRequestIsAHit(t *testing.T) {
	v := setup(t)
	p := path(t, 60)
	first := do(t, "GET", v.URL+p)
	if first.Status != 200 || first.Cache != "MISS" || !strings.Contains(first.Body, "origin response #1") {
		t.Errorf("first request: %v, want a 200 MISS with the origin's first response", first)
	}
	// Every later request is a HIT with the same body, and its Age grows.
	until(t, "a HIT with Age ≥ 1", func() bool {
		r := do(t, "GET", v.URL+p)
		if r.Cache != "HIT" || r.Body != first.Body {
			t.Fatalf("later request: %v, want a HIT with the first body", r)
		}
		return r.Age >= 1
	})
}

func TestTTLFromCacheControl(t *testing.T) {
	v := setup(t)
	p := path(t, 1)
	first := do(t, "GET", v.URL+p)
	if hit := do(t, "GET", v.URL+p); hit.Cache != "HIT" {
		t.Fatalf("within max-age=1: %v, want HIT", hit)
	}
	// Until max-age runs out every request is a HIT; then one is a MISS that
	// reaches the origin again (grace is off, so no stale copy is served).
	start := time.Now()
	until(t, "a MISS once max-age=1 ran out", func() bool {
		r := do(t, "GET", v.URL+p)
		if r.Cache == "HIT" && r.Body == first.Body {
			return false
		}
		if r.Cache != "MISS" || r.Body == first.Body {
			t.Fatalf("after max-age=1: %v, want a HIT with the first body or a MISS with a new one", r)
		}
		return true
	})
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("the object lived %v past max-age=1", d)
	}
}

func TestNoStoreIsNeverCached(t *testing.T) {
	v := setup(t)
	p := "/private?test=" + t.Name()
	a, b := do(t, "GET", v.URL+p), do(t, "GET", v.URL+p)
	if b.Cache != "MISS" || a.Body == b.Body {
		t.Errorf("private, no-store: got %v then %v; want every request to reach the origin", a, b)
	}
}

func TestPurgeEvicts(t *testing.T) {
	v := setup(t)
	p := path(t, 60)
	first := do(t, "GET", v.URL+p)
	if r := do(t, "GET", v.URL+p); r.Cache != "HIT" {
		t.Fatalf("before purge: %v, want HIT", r)
	}
	// From the host, requests reach Varnish through Docker's port mapping, so they
	// come from a private Docker address: allowed by the ACL.
	if r := do(t, "PURGE", v.URL+p); r.Status != 200 {
		t.Fatalf("PURGE from the Docker network: %v, want 200", r)
	}
	after := do(t, "GET", v.URL+p)
	if after.Cache != "MISS" || after.Body == first.Body {
		t.Errorf("after purge: %v, want a MISS with a new origin response", after)
	}
}

// TestPurgeACL sends PURGE through Varnish's PROXY-protocol listener, which is how a
// TLS terminator or load balancer passes on the real client address: Varnish's ACL
// then judges that address. A public address is refused and the object stays cached;
// an address on the private network may purge.
func TestPurgeACL(t *testing.T) {
	v := setup(t)
	if v.ProxyAddr == "" {
		// Only with CLOUDGO_TEST_VARNISH_URL: the kit's container always has one.
		kit.Unavailable(t, "no PROXY listener known for "+v.URL+": set CLOUDGO_TEST_VARNISH_PROXY_ADDR (compose.yaml: 127.0.0.1:6443)")
	}
	p := path(t, 60)
	first := do(t, "GET", v.URL+p)

	host := strings.TrimPrefix(v.URL, "http://") // Varnish keys objects by Host and URL
	status, body := proxyRequest(t, v.ProxyAddr, host, "203.0.113.9", "PURGE", p)
	if status != 405 || !strings.Contains(body, "not allowed from 203.0.113.9") {
		t.Errorf("PURGE from a public address: %d %q, want 405", status, body)
	}
	if r := do(t, "GET", v.URL+p); r.Cache != "HIT" || r.Body != first.Body {
		t.Fatalf("a refused PURGE must not evict: %v", r)
	}
	if status, body := proxyRequest(t, v.ProxyAddr, host, "10.1.2.3", "PURGE", p); status != 200 {
		t.Errorf("PURGE from the private network: %d %q, want 200", status, body)
	}
	if r := do(t, "GET", v.URL+p); r.Cache != "MISS" {
		t.Errorf("after the allowed PURGE: %v, want MISS", r)
	}
}

// proxyRequest sends one HTTP request preceded by a PROXY protocol v1 header that
// says the connection comes from clientIP.
func proxyRequest(t *testing.T, addr, host, clientIP, method, path string) (int, string) {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	fmt.Fprintf(conn, "PROXY TCP4 %s 10.0.0.1 40000 8443\r\n", clientIP)
	fmt.Fprintf(conn, "%s %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", method, path, host)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("%s %s via PROXY from %s: %v", method, path, clientIP, err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	bufio.NewReader(resp.Body).WriteTo(&b)
	return resp.StatusCode, b.String()
}

func TestOriginRejectsBadTTL(t *testing.T) {
	for _, s := range []string{"-1", "abc", strconv.Itoa(86401)} {
		rec := newRecorder()
		req, _ := http.NewRequest("GET", "/ttl/"+s, nil)
		varnish.Origin().ServeHTTP(rec, req)
		if rec.code != 400 {
			t.Errorf("/ttl/%s: status %d, want 400", s, rec.code)
		}
	}
}

type recorder struct {
	http.ResponseWriter
	h    http.Header
	code int
}

func newRecorder() *recorder                    { return &recorder{h: http.Header{}, code: 200} }
func (r *recorder) Header() http.Header         { return r.h }
func (r *recorder) Write(b []byte) (int, error) { return len(b), nil }
func (r *recorder) WriteHeader(code int)        { r.code = code }

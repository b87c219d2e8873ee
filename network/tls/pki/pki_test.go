package pki

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/network/internal/nettest"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

type fixture struct {
	ca, otherCA    *CA
	server, client *Issued
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ca, err := NewCA("cloudgo test CA", time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	other, err := NewCA("some other CA", time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	server, err := ca.Issue(Leaf{CommonName: "server", Hosts: []string{"127.0.0.1", "localhost"}})
	if err != nil {
		t.Fatal(err)
	}
	client, err := ca.Issue(Leaf{CommonName: "alice", Client: true})
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{ca: ca, otherCA: other, server: server, client: client}
}

// serve runs an HTTPS server that greets the verified client by name.
func serve(t *testing.T, cfg *tls.Config) string {
	t.Helper()
	ln, err := tls.Listen("tcp", "127.0.0.1:0", cfg)
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{
		ReadHeaderTimeout: time.Second,
		ErrorLog:          log.New(io.Discard, "", 0), // rejected handshakes are the point here
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			who := "anonymous"
			if len(r.TLS.PeerCertificates) > 0 {
				who = r.TLS.PeerCertificates[0].Subject.CommonName
			}
			fmt.Fprintf(w, "hello %s over %s", who, tls.VersionName(r.TLS.Version))
		}),
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return "https://" + ln.Addr().String() + "/"
}

func get(url string, cfg *tls.Config) (string, error) {
	tr := &http.Transport{TLSClientConfig: cfg}
	defer tr.CloseIdleConnections()
	c := &http.Client{Transport: tr, Timeout: 3 * time.Second}
	resp, err := c.Get(url)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return string(b), err
}

func TestMutualTLS13(t *testing.T) {
	f := newFixture(t)
	url := serve(t, ServerConfig(f.server.TLS, f.ca.Pool()))
	got, err := get(url, ClientConfig(f.ca.Pool(), &f.client.TLS))
	if err != nil {
		t.Fatal(err)
	}
	if got != "hello alice over TLS 1.3" {
		t.Errorf("got %q", got)
	}
	// The same certificate works under the DNS name it lists.
	if got, err := get(strings.Replace(url, "127.0.0.1", "localhost", 1), ClientConfig(f.ca.Pool(), &f.client.TLS)); err != nil || !strings.HasPrefix(got, "hello alice") {
		t.Errorf("via localhost: %q, %v", got, err)
	}
}

func TestRejections(t *testing.T) {
	f := newFixture(t)
	mtls := serve(t, ServerConfig(f.server.TLS, f.ca.Pool()))

	expired, err := f.ca.Issue(Leaf{CommonName: "old", Hosts: []string{"127.0.0.1"},
		NotBefore: time.Now().Add(-48 * time.Hour), NotAfter: time.Now().Add(-24 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	expiredURL := serve(t, ServerConfig(expired.TLS, nil))

	wrongName, _ := f.ca.Issue(Leaf{CommonName: "elsewhere", Hosts: []string{"db.internal"}})
	wrongNameURL := serve(t, ServerConfig(wrongName.TLS, nil))

	expiredClient, _ := f.ca.Issue(Leaf{CommonName: "bob", Client: true,
		NotBefore: time.Now().Add(-48 * time.Hour), NotAfter: time.Now().Add(-time.Hour)})
	strangerCert, _ := f.otherCA.Issue(Leaf{CommonName: "mallory", Client: true})

	// Go's client only sends a certificate the server's CA list accepts;
	// force it, as a misconfigured or hostile client would.
	stranger := ClientConfig(f.ca.Pool(), nil)
	stranger.GetClientCertificate = func(*tls.CertificateRequestInfo) (*tls.Certificate, error) {
		return &strangerCert.TLS, nil
	}

	tls12 := ClientConfig(f.ca.Pool(), &f.client.TLS)
	tls12.MinVersion, tls12.MaxVersion = tls.VersionTLS12, tls.VersionTLS12

	cases := []struct {
		name  string
		url   string
		cfg   *tls.Config
		check func(error) bool
	}{
		{"server cert from a CA the client does not trust", mtls, ClientConfig(f.otherCA.Pool(), &f.client.TLS),
			func(err error) bool { var e x509.UnknownAuthorityError; return errors.As(err, &e) }},
		{"system roots do not include our private CA", mtls, ClientConfig(nil, &f.client.TLS),
			func(err error) bool { var e x509.UnknownAuthorityError; return errors.As(err, &e) }},
		{"expired server certificate", expiredURL, ClientConfig(f.ca.Pool(), nil),
			func(err error) bool {
				var e x509.CertificateInvalidError
				return errors.As(err, &e) && e.Reason == x509.Expired
			}},
		{"certificate for another host name", wrongNameURL, ClientConfig(f.ca.Pool(), nil),
			func(err error) bool { var e x509.HostnameError; return errors.As(err, &e) }},
		{"no client certificate under mTLS", mtls, ClientConfig(f.ca.Pool(), nil),
			func(err error) bool { return strings.Contains(err.Error(), "certificate required") }},
		{"client certificate from another CA", mtls, stranger,
			func(err error) bool { return strings.Contains(err.Error(), "unknown certificate authority") }},
		{"expired client certificate under mTLS", mtls, ClientConfig(f.ca.Pool(), &expiredClient.TLS),
			func(err error) bool { return strings.Contains(err.Error(), "expired certificate") }},
		{"TLS 1.2 client against a TLS 1.3-only server", mtls, tls12,
			func(err error) bool { return strings.Contains(err.Error(), "protocol version") }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := get(c.url, c.cfg)
			if err == nil {
				t.Fatalf("request succeeded (%q); want it rejected", got)
			}
			if !c.check(err) {
				t.Errorf("rejected, but for an unexpected reason: %v", err)
			}
		})
	}
}

// curl (built on OpenSSL here) is an independent TLS stack: it must accept
// our CA-signed server, and our server must refuse it without a client cert.
func TestCurlPeer(t *testing.T) {
	curl := nettest.LookPath(t, "curl", "curl")
	f := newFixture(t)
	url := serve(t, ServerConfig(f.server.TLS, f.ca.Pool()))
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	ca, cert, key := write("ca.pem", f.ca.PEM), write("client.pem", f.client.CertPEM), write("client-key.pem", f.client.KeyPEM)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	curlRun := func(args ...string) (string, int) {
		out, err := exec.CommandContext(ctx, curl, append([]string{"-sS", "--max-time", "5"}, args...)...).Output()
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return string(out), ee.ExitCode()
		} else if err != nil {
			t.Fatalf("curl: %v", err)
		}
		return string(out), 0
	}
	if out, code := curlRun("--tlsv1.3", "--cacert", ca, "--cert", cert, "--key", key, url); code != 0 || out != "hello alice over TLS 1.3" {
		t.Errorf("curl with client cert: exit %d, %q", code, out)
	}
	if _, code := curlRun("--cert", cert, "--key", key, url); code != 60 { // 60: peer certificate cannot be authenticated
		t.Errorf("curl without our CA: exit %d, want 60", code)
	}
	if _, code := curlRun("--cacert", ca, url); code == 0 {
		t.Error("curl without a client certificate was let in")
	}
}

// WritePrivate creates missing parents, writes 0600 files into a 0700
// directory, and can run again over its own earlier output.
func TestWritePrivateCreatesAndRewrites(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "b", "certs")
	for _, content := range []string{"first", "second"} {
		if err := WritePrivate(dir, map[string][]byte{"key.pem": []byte(content)}); err != nil {
			t.Fatal(err)
		}
		info, err := os.Lstat(filepath.Join(dir, "key.pem"))
		if err != nil || info.Mode() != 0o600 {
			t.Fatalf("key.pem: %v, %v; want mode 0600", info.Mode(), err)
		}
		if b, _ := os.ReadFile(filepath.Join(dir, "key.pem")); string(b) != content {
			t.Errorf("key.pem = %q, want %q", b, content)
		}
	}
	if info, err := os.Lstat(dir); err != nil || info.Mode() != os.ModeDir|0o700 {
		t.Errorf("dir: %v, %v; want drwx------", info.Mode(), err)
	}
	// A regular file where the directory should be is refused, not replaced.
	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, nil, 0o600)
	if err := WritePrivate(file, map[string][]byte{"x": nil}); err == nil || !strings.Contains(err.Error(), file) {
		t.Errorf("file as dir: err = %v", err)
	}
}

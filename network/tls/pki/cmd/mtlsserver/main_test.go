package main

import (
	"bytes"
	"context"
	"crypto/tls"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/network/internal/nettest"
	"example.com/cloudgo/network/tls/pki"
)

// get does one HTTPS request with the files the server wrote to dir.
func get(t *testing.T, addr, dir string, withCert bool) (string, error) {
	t.Helper()
	caPEM, err := os.ReadFile(filepath.Join(dir, "ca.pem"))
	if err != nil {
		t.Fatal(err)
	}
	roots, err := pki.LoadPool(caPEM)
	if err != nil {
		t.Fatal(err)
	}
	var cert *tls.Certificate
	if withCert {
		c, err := tls.LoadX509KeyPair(filepath.Join(dir, "client.pem"), filepath.Join(dir, "client-key.pem"))
		if err != nil {
			t.Fatal(err)
		}
		cert = &c
	}
	tr := &http.Transport{TLSClientConfig: pki.ClientConfig(roots, cert)}
	defer tr.CloseIdleConnections()
	hc := &http.Client{Transport: tr, Timeout: 5 * time.Second}
	resp, err := hc.Get("https://" + addr + "/")
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return string(body), err
}

func TestServesMutualTLSAndStops(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "certs")
	addr, stop := nettest.StartServer(t, run, "-addr", "127.0.0.1:0", "-dir", dir)
	body, err := get(t, addr, dir, true)
	if err != nil || body != "hello demo-client, you are verified by cloudgo demo CA\n" {
		t.Errorf("GET with client certificate = %q, %v", body, err)
	}
	if _, err := get(t, addr, dir, false); err == nil || !strings.Contains(err.Error(), "certificate required") {
		t.Errorf("GET without client certificate: err = %v, want the server to demand one", err)
	}
	for _, name := range []string{"ca.pem", "client.pem", "client-key.pem"} {
		if info, err := os.Lstat(filepath.Join(dir, name)); err != nil || info.Mode() != 0o600 {
			t.Errorf("%s: mode %v, %v; want a regular file with mode 0600", name, info.Mode(), err)
		}
	}
	if info, err := os.Lstat(dir); err != nil || info.Mode() != os.ModeDir|0o700 {
		t.Errorf("cert dir: mode %v, %v; want drwx------", info.Mode(), err)
	}
	stop()
}

// The local server must not keep idle or slow connections forever.
func TestServerHasTimeouts(t *testing.T) {
	srv := newHTTPServer(http.NotFoundHandler(), nil)
	if srv.ReadHeaderTimeout <= 0 || srv.IdleTimeout <= 0 {
		t.Errorf("ReadHeaderTimeout %v, IdleTimeout %v: both must be set", srv.ReadHeaderTimeout, srv.IdleTimeout)
	}
}

// runRefused runs the server with -dir dir and expects it to refuse to
// start (not to serve until the context ends) with an error naming dir.
func runRefused(t *testing.T, dir string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	var logs bytes.Buffer
	err := run(ctx, []string{"-addr", "127.0.0.1:0", "-dir", dir}, &logs, &logs)
	if err == nil || !strings.Contains(err.Error(), dir) {
		t.Errorf("-dir %s: err = %v, want a refusal naming the directory\n%s", dir, err, logs.String())
	}
}

// Another user can create /tmp/<name> before us. Whatever they planted, the
// server must not write its private key where they can read or redirect it.
func TestRefusesCertDirOthersControl(t *testing.T) {
	t.Run("symlink", func(t *testing.T) {
		target := t.TempDir() // where the attacker wants our keys
		link := filepath.Join(t.TempDir(), "certs")
		if err := os.Symlink(target, link); err != nil {
			t.Fatal(err)
		}
		runRefused(t, link)
		if entries, _ := os.ReadDir(target); len(entries) != 0 {
			t.Errorf("files written through the symlink: %v", entries)
		}
	})
	t.Run("world-writable", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "certs")
		if err := os.Mkdir(dir, 0o777); err != nil {
			t.Fatal(err)
		}
		os.Chmod(dir, 0o777) // past the umask
		runRefused(t, dir)
		if _, err := os.Lstat(filepath.Join(dir, "client-key.pem")); err == nil {
			t.Error("key written into a world-writable directory")
		}
	})
	t.Run("owned by another user", func(t *testing.T) {
		if os.Geteuid() != 0 {
			t.Skip("needs root to create a directory owned by another user (CI runs as root)")
		}
		dir := filepath.Join(t.TempDir(), "certs")
		if err := os.Mkdir(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.Chown(dir, 65534, 65534); err != nil { // nobody
			t.Fatal(err)
		}
		runRefused(t, dir)
	})
}

// In a directory that is ours, leftovers are replaced, never reused: a
// pre-made world-readable key file would keep its mode under os.WriteFile,
// and a symlink would be followed.
func TestReplacesPlantedFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "certs")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "client-key.pem"), []byte("planted"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chmod(filepath.Join(dir, "client-key.pem"), 0o644)
	victim := filepath.Join(t.TempDir(), "victim")
	if err := os.WriteFile(victim, []byte("keep me"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(victim, filepath.Join(dir, "client.pem")); err != nil {
		t.Fatal(err)
	}
	addr, stop := nettest.StartServer(t, run, "-addr", "127.0.0.1:0", "-dir", dir)
	defer stop()
	if b, _ := os.ReadFile(victim); string(b) != "keep me" {
		t.Errorf("symlink target overwritten: %q", b)
	}
	for _, name := range []string{"client.pem", "client-key.pem"} {
		if info, err := os.Lstat(filepath.Join(dir, name)); err != nil || info.Mode() != 0o600 {
			t.Errorf("%s: mode %v, %v; want a new regular file with mode 0600", name, info.Mode(), err)
		}
	}
	if body, err := get(t, addr, dir, true); err != nil || !strings.HasPrefix(body, "hello demo-client") {
		t.Errorf("GET with the rewritten files = %q, %v", body, err)
	}
}

// Command client calls the TLS server with mutual TLS, trusting only the
// CA in -dir/ca.pem, and prints what the handshake negotiated.
//
//	go run ./tls/client -addr 127.0.0.1:8443 -dir /tmp/cloudgo-tls
package main

import (
	"context"
	"crypto/tls"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"time"

	"example.com/cloudgo/network/tls/pki"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "tls-client:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("tls-client", flag.ContinueOnError)
	addr := fs.String("addr", envOr("TLS_ADDR", "127.0.0.1:8443"), "server address (env TLS_ADDR)")
	dir := fs.String("dir", envOr("TLS_DIR", filepath.Join(os.TempDir(), "cloudgo-tls")), "directory with ca.pem, client.pem, client-key.pem (env TLS_DIR)")
	noCert := fs.Bool("no-client-cert", false, "connect without a client certificate (the server must refuse)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	caPEM, err := os.ReadFile(filepath.Join(*dir, "ca.pem"))
	if err != nil {
		return fmt.Errorf("read CA: %w", err)
	}
	roots, err := pki.LoadPool(caPEM)
	if err != nil {
		return fmt.Errorf("load %s: %w", filepath.Join(*dir, "ca.pem"), err)
	}
	var cert *tls.Certificate
	if !*noCert {
		c, err := tls.LoadX509KeyPair(filepath.Join(*dir, "client.pem"), filepath.Join(*dir, "client-key.pem"))
		if err != nil {
			return fmt.Errorf("load client certificate from %s: %w", *dir, err)
		}
		cert = &c
	}
	tr := &http.Transport{TLSClientConfig: pki.ClientConfig(roots, cert), TLSHandshakeTimeout: 3 * time.Second}
	defer tr.CloseIdleConnections()
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	url := "https://" + *addr + "/"
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := (&http.Client{Transport: tr}).Do(req)
	if err != nil {
		return fmt.Errorf("GET %s: %w", url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return fmt.Errorf("read %s: %w", url, err)
	}
	st := resp.TLS
	fmt.Fprintf(out, "version: %s\ncipher:  %s\nserver:  %q issued by %q\nchain:   %d certificates, verified against ca.pem only\nreply:   %s",
		tls.VersionName(st.Version), tls.CipherSuiteName(st.CipherSuite),
		st.PeerCertificates[0].Subject.CommonName, st.PeerCertificates[0].Issuer.CommonName,
		len(st.VerifiedChains[0]), body)
	return nil
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

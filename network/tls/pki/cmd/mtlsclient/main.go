// Command mtlsclient calls the TLS server with mutual TLS, trusting only the
// CA in -dir/ca.pem, and prints what the handshake negotiated.
//
//	go run ./tls/pki/cmd/mtlsclient -addr 127.0.0.1:8443 -dir /tmp/cloudgo-tls
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
	"syscall"
	"time"

	"example.com/cloudgo/network/internal/cli"
	"example.com/cloudgo/network/tls/pki"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("mtlsclient", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("mtlsclient", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", cli.Env("TLS_ADDR", "127.0.0.1:8443"), "server address (env TLS_ADDR)")
	dir := fs.String("dir", cli.Env("TLS_DIR", filepath.Join(os.TempDir(), "cloudgo-tls")), "directory with ca.pem, client.pem, client-key.pem (env TLS_DIR)")
	noCert := fs.Bool("no-client-cert", false, "connect without a client certificate (the server must refuse)")
	timeout := fs.Duration("timeout", 5*time.Second, "timeout for the whole request")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if *timeout <= 0 {
		return cli.Usagef("-timeout must be positive, got %v", *timeout)
	}
	caPEM, err := os.ReadFile(filepath.Join(*dir, "ca.pem"))
	if err != nil {
		return fmt.Errorf("read CA (start the server first, with the same -dir): %w", err)
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
	tr := &http.Transport{TLSClientConfig: pki.ClientConfig(roots, cert), TLSHandshakeTimeout: *timeout}
	defer tr.CloseIdleConnections()
	ctx, cancel := context.WithTimeout(ctx, *timeout)
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
	fmt.Fprintf(stdout, "version: %s\ncipher:  %s\nserver:  %q issued by %q\nchain:   %d certificates, verified against ca.pem only\nreply:   %s",
		tls.VersionName(st.Version), tls.CipherSuiteName(st.CipherSuite),
		st.PeerCertificates[0].Subject.CommonName, st.PeerCertificates[0].Issuer.CommonName,
		len(st.VerifiedChains[0]), body)
	return nil
}

// Command mtlsserver creates a private CA, a server certificate and a client
// certificate at start-up, writes what a client needs (ca.pem, client.pem,
// client-key.pem) to -dir, and serves HTTPS with TLS 1.3 and mutual TLS.
//
//	go run ./tls/pki/cmd/mtlsserver -addr 127.0.0.1:8443 -dir /tmp/cloudgo-tls
//	curl --cacert /tmp/cloudgo-tls/ca.pem --cert /tmp/cloudgo-tls/client.pem \
//	     --key /tmp/cloudgo-tls/client-key.pem https://127.0.0.1:8443/
package main

import (
	"context"
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
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
	cli.Exit("mtlsserver", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, _, stderr io.Writer) error {
	fs := flag.NewFlagSet("mtlsserver", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", cli.Env("TLS_ADDR", "127.0.0.1:8443"), "listen address (env TLS_ADDR)")
	dir := fs.String("dir", cli.Env("TLS_DIR", filepath.Join(os.TempDir(), "cloudgo-tls")),
		"private directory (created 0700, or ours and 0700) for ca.pem and the client's certificate and key (env TLS_DIR)")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	host, _, err := net.SplitHostPort(*addr)
	if err != nil {
		return cli.Usagef("-addr must be host:port, got %q", *addr)
	}
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	ca, err := pki.NewCA("cloudgo demo CA", 24*time.Hour)
	if err != nil {
		return err
	}
	server, err := ca.Issue(pki.Leaf{CommonName: "cloudgo demo server", Hosts: []string{host, "localhost", "127.0.0.1", "::1"}})
	if err != nil {
		return err
	}
	client, err := ca.Issue(pki.Leaf{CommonName: "demo-client", Client: true})
	if err != nil {
		return err
	}
	files := map[string][]byte{"ca.pem": ca.PEM, "client.pem": client.CertPEM, "client-key.pem": client.KeyPEM}
	if err := pki.WritePrivate(*dir, files); err != nil {
		return err
	}

	ln, err := tls.Listen("tcp", *addr, pki.ServerConfig(server.TLS, ca.Pool()))
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	srv := newHTTPServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// The handshake already verified the chain; the name is now trustworthy.
		fmt.Fprintf(w, "hello %s, you are verified by %s\n",
			r.TLS.PeerCertificates[0].Subject.CommonName, r.TLS.PeerCertificates[0].Issuer.CommonName)
	}), logger)
	logger.Info("listening", "addr", "https://"+ln.Addr().String(), "certs", *dir)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return fmt.Errorf("serve on %s: %w", ln.Addr(), err)
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	logger.Info("stopped")
	return nil
}

func newHTTPServer(h http.Handler, logger *slog.Logger) *http.Server {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 2 * time.Second,                                     // slow headers (slowloris) are cut off
		IdleTimeout:       60 * time.Second,                                    // idle keep-alive connections are closed
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn), // rejected handshakes show up here
	}
}

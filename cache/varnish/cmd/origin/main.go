// Command origin is the web server Varnish caches for. It says in Cache-Control how
// long each response may be cached; Varnish (default.vcl) obeys.
//
//	go run ./varnish/cmd/origin -addr :8080   (listens on all interfaces: the Varnish
//	                                          container reaches it through Docker's host gateway)
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"example.com/cloudgo/cache/internal/cli"
	"example.com/cloudgo/cache/varnish"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("origin", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run serves the origin until ctx is cancelled, then lets in-flight requests finish.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("origin", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", cli.Env("ORIGIN_ADDR", ":8080"), "listen address host:port (env ORIGIN_ADDR)")
	grace := fs.Duration("shutdown-timeout", 10*time.Second, "how long in-flight requests may take after a stop signal")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if _, port, err := net.SplitHostPort(*addr); err != nil || port == "" {
		return cli.Usagef("-addr %q: want host:port or :port", *addr)
	}
	if *grace <= 0 {
		return cli.Usagef("-shutdown-timeout must be positive, got %v", *grace)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	srv := &http.Server{Handler: varnish.Origin(), ReadHeaderTimeout: 5 * time.Second, IdleTimeout: time.Minute}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	fmt.Fprintf(stderr, "origin listening on %s\n", ln.Addr())
	select {
	case err := <-errc:
		return fmt.Errorf("serve on %s: %w", ln.Addr(), err)
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), *grace)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown of %s: %w", ln.Addr(), err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	fmt.Fprintln(stderr, "origin stopped")
	return nil
}

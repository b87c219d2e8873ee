// Command gcf serves the Google Cloud Functions of package gcf on this machine,
// one function at "/" like the platform: FUNCTION_TARGET (-target) picks it, PORT
// (-addr) says where.
//
//	go run ./functions/gcf/cmd/gcf                          # Greet, the HTTP function, on 127.0.0.1:8080
//	go run ./functions/gcf/cmd/gcf -target GreetObject      # the storage CloudEvent function
//
// Deployed, the platform's generated main calls funcframework.Start instead: an
// http.ListenAndServe with no timeouts and no graceful shutdown, behind Google's
// front end. Here the same handlers run in a server that has both.
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

	"example.com/cloudgo/cloud/functions/gcf"
	"example.com/cloudgo/cloud/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("gcf", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("gcf", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:"+cli.Env("PORT", "8080"), "listen address (port from env PORT, as on the platform)")
	target := fs.String("target", cli.Env("FUNCTION_TARGET", "Greet"), "function to serve at /: Greet or GreetObject (env FUNCTION_TARGET)")
	grace := fs.Duration("shutdown-timeout", 10*time.Second, "how long requests in flight get at shutdown")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if *grace <= 0 {
		return cli.Usagef("-shutdown-timeout must be positive, got %s", *grace)
	}
	h, err := gcf.Handler(ctx, *target, stdout) // GreetObject's log lines go to stdout, as on the platform
	if err != nil {
		return cli.Usagef("-target: %v", err)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen %s: %w", *addr, err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout: 30 * time.Second, WriteTimeout: 30 * time.Second, IdleTimeout: time.Minute}
	fmt.Fprintf(stdout, "serving %s on http://%s\n", *target, ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve %s: %w", ln.Addr(), err)
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), *grace)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	fmt.Fprintln(stdout, "stopped")
	return nil
}

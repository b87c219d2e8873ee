// Command handler is the Azure Functions custom handler: host.json names it
// (defaultExecutablePath), the Functions host starts it with
// FUNCTIONS_CUSTOMHANDLER_PORT set, waits until it answers, and POSTs each
// invocation of the greet function to /greet on 127.0.0.1.
//
// Build it into the function app folder, for Linux, where host.json expects it:
//
//	GOOS=linux GOARCH=amd64 CGO_ENABLED=0 go build -o functions/azure/handler ./functions/azure/cmd/handler
//
// It also runs alone; the invocation payloads in functions/testdata/azure can be
// POSTed to it with curl, as the docs suggest for testing a custom handler.
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

	"example.com/cloudgo/cloud/functions/azure"
	"example.com/cloudgo/cloud/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("handler", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("handler", flag.ContinueOnError)
	fs.SetOutput(stderr)
	// The host calls 127.0.0.1 on the port it chose: nothing else should reach this server.
	addr := fs.String("addr", "127.0.0.1:"+cli.Env("FUNCTIONS_CUSTOMHANDLER_PORT", "8080"), "listen address (port from env FUNCTIONS_CUSTOMHANDLER_PORT, set by the Functions host)")
	grace := fs.Duration("shutdown-timeout", 10*time.Second, "how long invocations in flight get at shutdown")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if *grace <= 0 {
		return cli.Usagef("-shutdown-timeout must be positive, got %s", *grace)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen %s: %w", *addr, err)
	}
	// The host's own timeout (functionTimeout in host.json, 5 min by default on
	// the Consumption plan) bounds an invocation; these bound the connection.
	srv := &http.Server{Handler: azure.Handler(), ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout: 30 * time.Second, WriteTimeout: 30 * time.Second, IdleTimeout: 2 * time.Minute}
	fmt.Fprintf(stdout, "custom handler for function %q on http://%s\n", azure.FunctionName, ln.Addr())
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

// Command lambda is an AWS Lambda function behind API Gateway (REST API, Lambda
// proxy integration), in Go on the provided.al2023 runtime.
//
// In Lambda (AWS_LAMBDA_RUNTIME_API is set) it serves events through the runtime
// API. Anywhere else `go run ./lambda` serves the same handler over plain HTTP
// through a small adapter, so it can be tried with curl:
//
//	go run ./lambda &  curl 'localhost:8081/hello?name=Ada'
//
// Build for Lambda (the runtime runs a file named bootstrap):
//
//	GOOS=linux GOARCH=arm64 CGO_ENABLED=0 go build -tags lambda.norpc -o bootstrap ./lambda
//	zip function.zip bootstrap
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

	"github.com/aws/aws-lambda-go/lambda"
)

func main() {
	if os.Getenv("AWS_LAMBDA_RUNTIME_API") != "" {
		lambda.Start(handle) // never returns
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "lambda:", err)
		os.Exit(1)
	}
}

// run serves the handler locally until ctx is cancelled.
func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("lambda", flag.ContinueOnError)
	addr := fs.String("addr", envOr("ADDR", "127.0.0.1:8081"), "local listen address (env ADDR)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen %s: %w", *addr, err)
	}
	srv := &http.Server{Handler: proxyHandler(handle), ReadHeaderTimeout: 5 * time.Second}
	fmt.Fprintf(out, "serving the Lambda handler on http://%s (API Gateway proxy events)\n", ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	fmt.Fprintln(out, "stopped")
	return nil
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

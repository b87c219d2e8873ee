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

	"example.com/cloudgo/cloud/internal/cli"
	"github.com/aws/aws-lambda-go/lambda"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("lambda", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run serves the handler: through the Lambda runtime API inside Lambda, else over
// local HTTP until ctx is cancelled.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if os.Getenv("AWS_LAMBDA_RUNTIME_API") != "" {
		lambda.StartWithOptions(handle, lambda.WithContext(ctx)) // never returns
	}
	fs := flag.NewFlagSet("lambda", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", cli.Env("ADDR", "127.0.0.1:8081"), "local listen address (env ADDR)")
	idle := fs.Duration("idle-timeout", time.Minute, "close keep-alive connections idle this long")
	grace := fs.Duration("shutdown-timeout", 10*time.Second, "how long requests in flight get at shutdown")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if *idle <= 0 {
		return cli.Usagef("-idle-timeout must be positive, got %s", *idle)
	}
	if *grace <= 0 {
		return cli.Usagef("-shutdown-timeout must be positive, got %s", *grace)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen %s: %w", *addr, err)
	}
	// Every phase of a connection is bounded: slow headers, slow bodies, and
	// keep-alive connections nobody uses any more.
	srv := &http.Server{Handler: proxyHandler(handle), ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout: 30 * time.Second, WriteTimeout: 30 * time.Second, IdleTimeout: *idle}
	fmt.Fprintf(stdout, "serving the Lambda handler on http://%s (API Gateway proxy events)\n", ln.Addr())
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

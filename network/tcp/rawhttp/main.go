// Command rawhttp is the seed's "HTTP by hand over a TCP socket", fixed:
// the seed read once with recv(4096) and printed whatever arrived, which
// truncates any response that is larger or arrives in pieces. HTTP/1.1 with
// "Connection: close" ends the response by closing the connection, so the
// right loop is "read until EOF" (with a deadline, so a stuck server cannot
// hang us).
//
//	go run ./tcp/rawhttp -addr 127.0.0.1:8080 -path /healthz
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "rawhttp:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("rawhttp", flag.ContinueOnError)
	addr := fs.String("addr", envOr("HTTP_ADDR", "127.0.0.1:8080"), "HTTP server address (env HTTP_ADDR)")
	path := fs.String("path", "/", "request path")
	timeout := fs.Duration("timeout", 5*time.Second, "deadline for the whole exchange")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", *addr)
	if err != nil {
		return fmt.Errorf("dial %s: %w", *addr, err)
	}
	defer conn.Close()
	deadline, _ := ctx.Deadline()
	conn.SetDeadline(deadline)

	// HTTP/1.1 requires Host; CRLF line endings; an empty line ends the headers.
	req := "GET " + *path + " HTTP/1.1\r\nHost: " + *addr + "\r\nConnection: close\r\n\r\n"
	if _, err := io.WriteString(conn, req); err != nil {
		return fmt.Errorf("send request to %s: %w", *addr, err)
	}
	resp, err := io.ReadAll(conn)
	if err != nil {
		return fmt.Errorf("read response from %s: %w", *addr, err)
	}
	_, err = out.Write(resp)
	return err
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

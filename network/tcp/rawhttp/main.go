// Command rawhttp is the Python original's "HTTP by hand over a TCP socket",
// fixed: the original read once with recv(4096) and printed whatever arrived, which
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
	"strings"
	"syscall"
	"time"

	"example.com/cloudgo/network/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("rawhttp", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("rawhttp", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", cli.Env("HTTP_ADDR", "127.0.0.1:8080"), "HTTP server address (env HTTP_ADDR)")
	path := fs.String("path", "/", "request path, e.g. /items/1?x=y")
	timeout := fs.Duration("timeout", 5*time.Second, "deadline for the whole exchange")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	// Both go into the request text as they are: a CR or LF in them would end
	// the request line or a header early and let the flag inject headers or a
	// second request (request splitting).
	if !strings.HasPrefix(*path, "/") || hasControlOrSpace(*path) {
		return cli.Usagef("-path must start with / and contain no spaces or control characters (CR, LF ...), got %q", *path)
	}
	if _, _, err := net.SplitHostPort(*addr); err != nil || hasControlOrSpace(*addr) {
		return cli.Usagef("-addr must be host:port without spaces or control characters, got %q", *addr)
	}
	if *timeout <= 0 {
		return cli.Usagef("-timeout must be positive, got %v", *timeout)
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
	_, err = stdout.Write(resp)
	return err
}

// hasControlOrSpace reports bytes that may not appear inside a request-target
// (RFC 9112): space, ASCII control characters (CR and LF among them) and DEL.
func hasControlOrSpace(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return r <= ' ' || r == 0x7f }) >= 0
}

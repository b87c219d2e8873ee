package kit

import (
	"bufio"
	"io"
	"net"
	"testing"
	"time"
)

// Proxy stands between a program and the server at addr, for tests that inject
// a server's failure the real server will not produce on demand. For each client
// connection it dials addr, copies every reply back to the client, and hands the
// client's requests to filter, which forwards them to server or answers the client
// itself. Proxy returns its loopback address; it closes with the test.
func Proxy(t testing.TB, addr string, filter func(requests *bufio.Reader, client, server io.Writer) error) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			client, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer client.Close()
				server, err := net.DialTimeout("tcp", addr, 5*time.Second)
				if err != nil {
					return
				}
				defer server.Close()
				go io.Copy(client, server) // replies; the client waits for each in turn
				_ = filter(bufio.NewReader(client), client, server)
			}()
		}
	}()
	return ln.Addr().String()
}

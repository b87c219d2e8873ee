// Package nettest holds the small helpers the network tests share: finding
// the external programs used as independent peers (curl, nc, dig, iperf3),
// picking loopback ports, and running a server program in-process. The
// network tests need no containers: everything runs on loopback.
package nettest

import (
	"net"
	"os"
	"os/exec"
	"testing"
)

// LookPath returns the path of an external command the test talks to as an
// independent peer. When it is missing the test is skipped with the Debian
// package to install, unless CLOUDGO_REQUIRE_SERVICES=1 (CI), where a missing
// tool is a failure: CI must not go green by skipping the interesting part.
func LookPath(t testing.TB, name, debianPkg string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	msg := name + " not found: apt-get install " + debianPkg
	if os.Getenv("CLOUDGO_REQUIRE_SERVICES") == "1" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// FreeAddr returns a loopback host:port that was free a moment ago, for
// programs (dig, iperf3) that must be told a port rather than handed a listener.
func FreeAddr(t testing.TB) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen on loopback: %v", err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

package echo

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"example.com/cloudgo/network/internal/nettest"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func start(t *testing.T, s *Server) string {
	t.Helper()
	conn, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, conn) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	return conn.LocalAddr().String()
}

func exchange(t *testing.T, addr, msg string, attempts int) (Result, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	return Exchange(ctx, addr, []byte(msg), attempts, 100*time.Millisecond)
}

func TestEchoManyPeers(t *testing.T) {
	addr := start(t, &Server{})
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Go(func() {
			msg := fmt.Sprintf("peer %d", i)
			res, err := exchange(t, addr, msg, 3)
			if err != nil || string(res.Reply) != msg {
				t.Errorf("exchange %q = %q, %v", msg, res.Reply, err)
			}
		})
	}
	wg.Wait()
}

func TestClientRetriesLostDatagrams(t *testing.T) {
	var seen atomic.Int32
	// The "network" loses the first two datagrams.
	addr := start(t, &Server{Drop: func([]byte) bool { return seen.Add(1) <= 2 }})
	res, err := exchange(t, addr, "persistent", 5)
	if err != nil || string(res.Reply) != "persistent" {
		t.Fatalf("exchange = %q, %v", res.Reply, err)
	}
	if res.Attempts != 3 {
		t.Errorf("took %d attempts, want 3 (two lost, third answered)", res.Attempts)
	}

	seen.Store(-100) // now lose everything: the client must give up, not hang
	began := time.Now()
	if _, err := exchange(t, addr, "into the void", 3); err == nil || !strings.Contains(err.Error(), "no reply after 3 attempts") {
		t.Errorf("err = %v, want give-up after 3 attempts", err)
	}
	if took := time.Since(began); took > time.Second {
		t.Errorf("3 attempts of 100ms took %v", took)
	}
}

func TestOversizedDatagrams(t *testing.T) {
	addr := start(t, &Server{MaxPayload: 16})
	// The client refuses to send more than the safe payload at all...
	if _, err := exchange(t, addr, strings.Repeat("x", DefaultMaxPayload+1), 1); !errors.Is(err, ErrTooLarge) {
		t.Errorf("client sent an oversized payload: %v", err)
	}
	// ...and the server answers a too-large datagram with an error, not a truncated echo.
	res, err := exchange(t, addr, strings.Repeat("y", 100), 1)
	if err != nil || string(res.Reply) != "ERR datagram too large (max 16 bytes)" {
		t.Errorf("oversized datagram got %q, %v", res.Reply, err)
	}
	if res, err := exchange(t, addr, "small", 1); err != nil || string(res.Reply) != "small" {
		t.Errorf("after oversized datagram: %q, %v", res.Reply, err)
	}
}

func TestDeadServerFailsFast(t *testing.T) {
	dead := nettest.FreeAddr(t) // nothing listens on this UDP port (very likely)
	began := time.Now()
	_, err := exchange(t, dead, "hello?", 5)
	if !errors.Is(err, syscall.ECONNREFUSED) {
		t.Errorf("err = %v, want ECONNREFUSED from the ICMP port-unreachable", err)
	}
	if took := time.Since(began); took > 300*time.Millisecond {
		t.Errorf("took %v; a connected UDP socket should learn of the dead port at once", took)
	}
}

func TestContextCancelsExchange(t *testing.T) {
	addr := start(t, &Server{Drop: func([]byte) bool { return true }})
	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Millisecond)
	defer cancel()
	_, err := Exchange(ctx, addr, []byte("x"), 100, time.Second)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want context.DeadlineExceeded", err)
	}
}

func TestNetcatPeer(t *testing.T) {
	nc := nettest.LookPath(t, "nc", "netcat-openbsd")
	addr := start(t, &Server{})
	host, port, _ := net.SplitHostPort(addr)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	// -u UDP; -w1: give up one second after the last datagram (UDP has no EOF).
	cmd := exec.CommandContext(ctx, nc, "-u", "-w1", host, port)
	cmd.Stdin = strings.NewReader("hello over udp")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("nc: %v", err)
	}
	if string(out) != "hello over udp" {
		t.Errorf("nc got %q", out)
	}
}

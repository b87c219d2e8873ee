package main

import (
	"bytes"
	"context"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"example.com/cloudgo/network/internal/testenv"
)

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// Cancelling the context is what SIGINT does via signal.NotifyContext.
func TestServerStopsGracefullyOnSignal(t *testing.T) {
	addr := testenv.FreeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	var logs syncBuffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"-addr", addr}, &logs) }()

	var conn net.Conn
	var err error
	for range 50 {
		if conn, err = net.Dial("tcp", addr); err == nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("server never came up: %v", err)
	}
	defer conn.Close()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("server did not stop within 5s of SIGINT with an idle connection open")
	}
	if !strings.Contains(logs.String(), "msg=stopped") {
		t.Errorf("logs do not show a clean stop:\n%s", logs.String())
	}
	if err := run(context.Background(), []string{"-addr", "127.0.0.1:99999"}, &logs); err == nil || !strings.Contains(err.Error(), "127.0.0.1:99999") {
		t.Errorf("bad address: err = %v, want it named", err)
	}
}

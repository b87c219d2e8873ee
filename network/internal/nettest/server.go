package nettest

import (
	"bytes"
	"context"
	"io"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// RunFunc is the signature every example program's run function has.
type RunFunc func(ctx context.Context, args []string, stdout, stderr io.Writer) error

var addrInLog = regexp.MustCompile(`addr=(?:https?://)?(\S+)`)

// StartServer runs a server program's run function in the background,
// waits for its "addr=host:port" log line (on stdout or stderr) and returns
// that address. stop cancels the context (what SIGINT does through
// signal.NotifyContext), fails the test unless run returns nil within 5s,
// and returns everything the program wrote.
func StartServer(t testing.TB, run RunFunc, args ...string) (addr string, stop func() string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	logs := &Buffer{}
	done := make(chan error, 1)
	go func() { done <- run(ctx, args, logs, logs) }()
	deadline := time.Now().Add(5 * time.Second)
	for {
		if m := addrInLog.FindStringSubmatch(logs.String()); m != nil {
			addr = m[1]
			break
		}
		select {
		case err := <-done:
			cancel()
			t.Fatalf("server exited early: %v\n%s", err, logs.String())
		case <-time.After(10 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("server did not log its address:\n%s", logs.String())
		}
	}
	var once sync.Once
	stop = func() string {
		once.Do(func() {
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("server returned %v after SIGINT; want a clean stop", err)
				}
			case <-time.After(5 * time.Second):
				t.Errorf("server still running 5s after SIGINT")
			}
			if !strings.Contains(logs.String(), "msg=stopped") {
				t.Errorf("server log lacks msg=stopped:\n%s", logs.String())
			}
		})
		return logs.String()
	}
	t.Cleanup(func() { stop() })
	return addr, stop
}

// Buffer is a bytes.Buffer that a program may write to while a test reads it.
type Buffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *Buffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *Buffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

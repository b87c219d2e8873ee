package echo

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"example.com/cloudgo/network/internal/nettest"
	"go.uber.org/goleak"
)

// Every test must leave no goroutine behind: a server that "shut down" but
// left a handler blocked on a read is the bug graceful shutdown is about.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func start(t *testing.T, configure func(*Server)) (*Server, string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := NewServer(slog.New(slog.DiscardHandler))
	if configure != nil {
		configure(s)
	}
	served := make(chan error, 1)
	go func() { served <- s.Serve(ln) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := s.Shutdown(ctx); err != nil {
			t.Errorf("shutdown: %v", err)
		}
		if err := <-served; !errors.Is(err, ErrServerClosed) {
			t.Errorf("Serve returned %v, want ErrServerClosed", err)
		}
	})
	return s, ln.Addr().String()
}

func dial(t *testing.T, addr string) *Client {
	t.Helper()
	c, err := Dial(context.Background(), addr, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func send(t *testing.T, c *Client, msg string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	reply, err := c.Send(ctx, msg)
	if err != nil {
		t.Fatalf("send %q: %v", msg, err)
	}
	return reply
}

func TestConcurrentClients(t *testing.T) {
	_, addr := start(t, nil)
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Go(func() {
			c, err := Dial(context.Background(), addr, time.Second)
			if err != nil {
				t.Error(err)
				return
			}
			defer c.Close()
			for j := range 10 {
				msg := fmt.Sprintf("client %d message %d", i, j)
				ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
				reply, err := c.Send(ctx, msg)
				cancel()
				if err != nil || reply != msg {
					t.Errorf("Send(%q) = %q, %v", msg, reply, err)
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestOversizedFrameIsRejectedAndServerLives(t *testing.T) {
	_, addr := start(t, func(s *Server) { s.MaxFrame = 16 })
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(2 * time.Second))
	// 200 KB the server will not read in full: without a lingering close,
	// the unread input would make the kernel reset the connection and the
	// error reply could be lost.
	go fmt.Fprintf(conn, "%s\n", strings.Repeat("x", 200_000))
	rest, _ := io.ReadAll(conn) // server replies, then closes
	if got := string(rest); got != "ERR frame too large (max 16 bytes)\n" {
		t.Errorf("reply to oversized frame = %q", got)
	}
	// The bad peer cost only its own connection.
	if got := send(t, dial(t, addr), "still here"); got != "still here" {
		t.Errorf("after oversized frame: %q", got)
	}
}

func TestSlowClientTimesOut(t *testing.T) {
	_, addr := start(t, func(s *Server) { s.ReadTimeout = 200 * time.Millisecond })
	slow, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer slow.Close()
	// Half a frame, then silence: a slowloris. The deadline covers the whole
	// frame, so trickling bytes cannot keep the connection alive.
	io.WriteString(slow, "half a fra")
	began := time.Now()
	slow.SetReadDeadline(time.Now().Add(3 * time.Second))
	if n, err := slow.Read(make([]byte, 1)); !errors.Is(err, io.EOF) {
		t.Fatalf("slow client read = %d, %v; want EOF from the server hanging up", n, err)
	}
	if waited := time.Since(began); waited > 2*time.Second {
		t.Errorf("server took %v to drop a slow client with a 200ms timeout", waited)
	}
	if got := send(t, dial(t, addr), "fast"); got != "fast" {
		t.Errorf("fast client after slow one: %q", got)
	}
}

func TestGracefulShutdownDrains(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	working, release := make(chan struct{}), make(chan struct{})
	letGo := sync.OnceFunc(func() { close(release) })
	t.Cleanup(letGo) // never leave the handler blocked, even on failure
	s := NewServer(slog.New(slog.DiscardHandler))
	s.Handler = func(p []byte) []byte {
		close(working)
		<-release // a reply still being computed at shutdown
		return append([]byte("done: "), p...)
	}
	served := make(chan error, 1)
	go func() { served <- s.Serve(ln) }()

	busy, idle := dial(t, addr), dial(t, addr)
	replied := make(chan string, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		r, err := busy.Send(ctx, "job")
		if err != nil {
			r = err.Error()
		}
		replied <- r
	}()
	<-working
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	shutdown := make(chan error, 1)
	go func() { shutdown <- s.Shutdown(ctx) }()
	awaitRefused(t, addr) // Shutdown has begun
	select {
	case err := <-shutdown:
		t.Fatalf("Shutdown returned (%v) while a reply was still being computed", err)
	default:
	}
	letGo()
	if err := <-shutdown; err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	if got := <-replied; got != "done: job" {
		t.Errorf("in-flight request got %q, want its full reply", got)
	}
	if !errors.Is(<-served, ErrServerClosed) {
		t.Error("Serve did not return ErrServerClosed")
	}
	// The idle connection was closed, and new connections are refused.
	if _, err := idle.Send(ctx, "late"); err == nil {
		t.Error("idle connection still served after shutdown")
	}
	if c, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
		c.Close()
		t.Error("new connection accepted after shutdown")
	}
}

func TestClientHonoursContext(t *testing.T) {
	// A server that accepts and never answers.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		if c, err := ln.Accept(); err == nil {
			io.Copy(io.Discard, c)
			c.Close()
		}
	}()
	c := dial(t, ln.Addr().String())
	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Millisecond)
	defer cancel()
	began := time.Now()
	if _, err := c.Send(ctx, "anyone?"); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want context.DeadlineExceeded", err)
	}
	if waited := time.Since(began); waited > time.Second {
		t.Errorf("Send waited %v despite a 150ms context", waited)
	}
	c.Close()

	// Dialing a port nobody listens on fails at once, with the address named.
	dead := nettest.FreeAddr(t)
	if _, err := Dial(context.Background(), dead, time.Second); err == nil || !strings.Contains(err.Error(), dead) {
		t.Errorf("dial to closed port: %v", err)
	}
}

// nc (netcat-openbsd) is an independent peer: if it can talk to the server,
// the protocol really is "lines over TCP" and not something only our client knows.
func TestNetcatPeer(t *testing.T) {
	nc := nettest.LookPath(t, "nc", "netcat-openbsd")
	_, addr := start(t, nil)
	host, port, _ := net.SplitHostPort(addr)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, nc, "-N", host, port) // -N: shut down writing at stdin EOF
	cmd.Stdin = strings.NewReader("hello from nc\r\nsecond line\n")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("nc: %v", err)
	}
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	var lines []string
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if strings.Join(lines, "|") != "hello from nc|second line" {
		t.Errorf("nc got %q", out)
	}
}

// A reply must not wait for the next frame to complete. Here the peer sends
// one frame plus half of the next and then waits for the first reply: a
// server that flushes only when its read buffer is empty holds the reply
// back until the read timeout (issue 13.7).
func TestReplyNotHeldBackByPartialNextFrame(t *testing.T) {
	_, addr := start(t, func(s *Server) { s.ReadTimeout = 20 * time.Second })
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, "first\nsec"); err != nil {
		t.Fatal(err)
	}
	conn.SetReadDeadline(time.Now().Add(3 * time.Second))
	got, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil || got != "first\n" {
		t.Fatalf("reply to the complete frame = %q, %v; want %q at once", got, err, "first\n")
	}
}

// `printf 'a\nb' | nc -N`: the stream ends inside the second frame. The
// reply to the first must still arrive (it used to be lost with the
// connection).
func TestNetcatPartialLastFrameStillGetsEarlierReplies(t *testing.T) {
	nc := nettest.LookPath(t, "nc", "netcat-openbsd")
	_, addr := start(t, nil)
	host, port, _ := net.SplitHostPort(addr)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, nc, "-N", host, port)
	cmd.Stdin = strings.NewReader("a\nb")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("nc: %v", err)
	}
	if string(out) != "a\n" {
		t.Errorf("nc got %q, want %q", out, "a\n")
	}
}

// Shutdown drains: frames the server has already received are answered and
// the replies are delivered before the connection closes, even when they
// were pipelined behind a frame that was in progress at shutdown.
func TestShutdownDeliversPipelinedReplies(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	working, release := make(chan struct{}), make(chan struct{})
	letGo := sync.OnceFunc(func() { close(release) })
	t.Cleanup(letGo)
	s := NewServer(slog.New(slog.DiscardHandler))
	s.Handler = func(p []byte) []byte {
		if string(p) == "one" {
			close(working)
			<-release // still computing when Shutdown starts
		}
		return p
	}
	served := make(chan error, 1)
	go func() { served <- s.Serve(ln) }()

	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.WriteString(conn, "one\ntwo\nthree\n"); err != nil { // one segment
		t.Fatal(err)
	}
	<-working
	shutdown := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		shutdown <- s.Shutdown(ctx)
	}()
	awaitRefused(t, addr) // Shutdown has begun: the listener is closed
	letGo()
	got, err := io.ReadAll(conn)
	if err != nil {
		t.Errorf("read replies: %v", err)
	}
	if string(got) != "one\ntwo\nthree\n" {
		t.Errorf("replies during shutdown = %q, want all three", got)
	}
	if err := <-shutdown; err != nil {
		t.Errorf("shutdown: %v", err)
	}
	if err := <-served; !errors.Is(err, ErrServerClosed) {
		t.Errorf("Serve returned %v, want ErrServerClosed", err)
	}
}

// awaitRefused waits (up to 5 s) until addr refuses connections.
func awaitRefused(t *testing.T, addr string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err != nil {
			return
		}
		c.Close()
		runtime.Gosched()
	}
	t.Fatalf("%s still accepts connections", addr)
}

// flakyListener fails Accept with EMFILE ("too many open files") a number of
// times (forever when fails < 0) before behaving, as a server at its
// descriptor limit sees.
type flakyListener struct {
	net.Listener
	mu    sync.Mutex
	fails int
	calls int
}

func (l *flakyListener) Accept() (net.Conn, error) {
	l.mu.Lock()
	l.calls++
	fail := l.fails != 0
	if l.fails > 0 {
		l.fails--
	}
	l.mu.Unlock()
	if fail {
		return nil, &net.OpError{Op: "accept", Net: "tcp", Addr: l.Addr(), Err: os.NewSyscallError("accept4", syscall.EMFILE)}
	}
	return l.Listener.Accept()
}

// Running out of file descriptors is temporary: connections close and free
// them. Serve must wait and retry, as net/http does, not stop serving.
func TestServeRetriesTemporaryAcceptErrors(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	fl := &flakyListener{Listener: ln, fails: 3}
	s := NewServer(slog.New(slog.DiscardHandler))
	served := make(chan error, 1)
	go func() { served <- s.Serve(fl) }()
	if got := send(t, dial(t, ln.Addr().String()), "after EMFILE"); got != "after EMFILE" {
		t.Errorf("reply = %q", got)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := s.Shutdown(ctx); err != nil {
		t.Errorf("shutdown: %v", err)
	}
	if err := <-served; !errors.Is(err, ErrServerClosed) {
		t.Errorf("Serve returned %v, want ErrServerClosed", err)
	}
}

// A server stuck in its accept backoff still stops at once on Shutdown.
func TestShutdownInterruptsAcceptBackoff(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	fl := &flakyListener{Listener: ln, fails: -1}
	s := NewServer(slog.New(slog.DiscardHandler))
	served := make(chan error, 1)
	go func() { served <- s.Serve(fl) }()
	deadline := time.Now().Add(5 * time.Second)
	for { // let it fail a few times, so the backoff has grown
		fl.mu.Lock()
		calls := fl.calls
		fl.mu.Unlock()
		if calls >= 5 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("Serve stopped calling Accept after %d EMFILE errors", calls)
		}
		select {
		case err := <-served:
			t.Fatalf("Serve returned %v on a temporary accept error", err)
		case <-time.After(time.Millisecond):
		}
	}
	began := time.Now()
	if err := s.Shutdown(context.Background()); err != nil {
		t.Errorf("shutdown: %v", err)
	}
	if err := <-served; !errors.Is(err, ErrServerClosed) {
		t.Errorf("Serve returned %v, want ErrServerClosed", err)
	}
	if took := time.Since(began); took > 500*time.Millisecond {
		t.Errorf("Serve took %v to notice Shutdown during its backoff", took)
	}
}

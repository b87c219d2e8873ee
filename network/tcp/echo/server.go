// Package echo is the Python original's TCP client/server pair done right: a server
// that serves many connections at once (one goroutine each), speaks a framed
// protocol with a size limit, puts a deadline on every read and write, and
// drains its connections on shutdown instead of cutting them mid-reply.
package echo

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"sync"
	"syscall"
	"time"

	"example.com/cloudgo/network/tcp/frame"
)

// ErrServerClosed is returned by Serve after Shutdown.
var ErrServerClosed = errors.New("echo: server closed")

// Server echoes every newline-terminated frame back to its sender.
// The zero value is not ready; use NewServer.
type Server struct {
	MaxFrame     int           // longest frame accepted; longer ones end the connection
	ReadTimeout  time.Duration // a whole frame must arrive within this: slow or idle peers are cut
	WriteTimeout time.Duration // a peer that does not read its replies is cut too
	Logger       *slog.Logger
	// Handler computes the reply to one frame; nil means echo. Tests use it
	// to simulate slow work, to prove shutdown waits for in-flight replies.
	Handler func(frame []byte) []byte

	mu      sync.Mutex
	closing bool
	done    chan struct{} // closed by Shutdown: wakes Serve from an accept backoff
	ln      net.Listener
	conns   map[net.Conn]struct{}
	wg      sync.WaitGroup
}

// NewServer returns a server with conservative limits.
func NewServer(logger *slog.Logger) *Server {
	return &Server{MaxFrame: 64 << 10, ReadTimeout: 30 * time.Second, WriteTimeout: 10 * time.Second,
		Logger: logger, conns: map[net.Conn]struct{}{}, done: make(chan struct{})}
}

// Serve accepts connections on ln until Shutdown. Each connection gets its
// own goroutine, so one slow peer never delays another (the Python original's
// server handled exactly one connection, then exited). Accept errors that
// pass (out of file descriptors or memory, an aborted connection) are
// retried with a growing pause, as net/http does, instead of ending the server.
func (s *Server) Serve(ln net.Listener) error {
	s.mu.Lock()
	if s.closing {
		s.mu.Unlock()
		return ErrServerClosed
	}
	s.ln = ln
	s.mu.Unlock()
	var pause time.Duration
	for {
		conn, err := ln.Accept()
		if err != nil {
			if s.isClosing() {
				return ErrServerClosed
			}
			if !temporary(err) {
				return fmt.Errorf("accept on %s: %w", ln.Addr(), err)
			}
			pause = min(max(2*pause, 5*time.Millisecond), time.Second)
			s.Logger.Warn("accept failed, retrying", "addr", ln.Addr().String(), "err", err, "pause", pause)
			t := time.NewTimer(pause)
			select {
			case <-t.C:
			case <-s.done: // Shutdown: stop waiting
				t.Stop()
			}
			continue
		}
		pause = 0
		s.mu.Lock()
		if s.closing { // Shutdown ran between Accept and here: refuse.
			s.mu.Unlock()
			conn.Close()
			continue
		}
		s.conns[conn] = struct{}{}
		s.wg.Add(1)
		s.mu.Unlock()
		go s.handle(conn)
	}
}

// temporary reports accept errors that go away by themselves: the process or
// the system ran out of descriptors or buffers (they come back as
// connections close), or a peer reset its connection while it was queued.
func temporary(err error) bool {
	for _, errno := range []syscall.Errno{syscall.EMFILE, syscall.ENFILE, syscall.ENOBUFS, syscall.ENOMEM, syscall.ECONNABORTED, syscall.EINTR} {
		if errors.Is(err, errno) {
			return true
		}
	}
	return false
}

func (s *Server) handle(conn net.Conn) {
	defer s.wg.Done()
	defer func() {
		s.mu.Lock()
		delete(s.conns, conn)
		s.mu.Unlock()
		conn.Close()
	}()
	peer := conn.RemoteAddr().String()
	r := frame.NewLineReader(conn, s.MaxFrame)
	w := bufio.NewWriter(conn)
	for {
		// Arm the read deadline under the lock Shutdown takes, so a
		// shutdown can never be missed between "check" and "block".
		s.mu.Lock()
		closing := s.closing
		if !closing {
			conn.SetReadDeadline(time.Now().Add(s.ReadTimeout))
		}
		s.mu.Unlock()
		if closing && !r.FrameBuffered() {
			// Draining: every frame the peer sent and we received is
			// answered; deliver those replies, then hang up.
			conn.SetWriteDeadline(time.Now().Add(s.WriteTimeout))
			if err := w.Flush(); err != nil {
				s.Logger.Info("write failed", "peer", peer, "err", err)
			}
			return
		}

		line, err := r.Read()
		switch {
		case errors.Is(err, frame.ErrTooLarge):
			// Tell the peer why, then hang up: after an oversized frame we
			// no longer know where the next frame starts.
			s.Logger.Warn("frame too large", "peer", peer, "max", s.MaxFrame)
			conn.SetWriteDeadline(time.Now().Add(s.WriteTimeout))
			fmt.Fprintf(w, "ERR frame too large (max %d bytes)\n", s.MaxFrame)
			w.Flush()
			lingeringClose(conn)
			return
		case errors.Is(err, io.EOF):
			return // clean close between frames
		case isTimeout(err):
			if !s.isClosing() {
				s.Logger.Info("closing slow or idle connection", "peer", peer, "timeout", s.ReadTimeout)
			}
			return
		case err != nil:
			s.Logger.Info("read failed", "peer", peer, "err", err)
			return
		}
		reply := line
		if s.Handler != nil {
			reply = s.Handler(line)
		}
		conn.SetWriteDeadline(time.Now().Add(s.WriteTimeout))
		// Flush unless the next frame is already here whole: the next Read
		// may block, and the peer may be waiting for this reply before it
		// sends the rest (a partial frame in the buffer is not enough).
		if err := writeReply(conn, w, reply, !r.FrameBuffered()); err != nil {
			s.Logger.Info("write failed", "peer", peer, "err", err)
			return
		}
	}
}

// writeReply sends reply+"\n". Small replies are batched in w and flushed
// only when the peer has nothing more queued (pipelined frames then share
// one write system call); a big reply goes out with its newline in one
// writev instead of being copied into w or split into two writes.
func writeReply(conn net.Conn, w *bufio.Writer, reply []byte, flush bool) error {
	if len(reply) < w.Available() {
		w.Write(reply)
		w.WriteByte('\n')
		if flush {
			return w.Flush()
		}
		return nil
	}
	if err := w.Flush(); err != nil {
		return err
	}
	bufs := net.Buffers{reply, newline}
	_, err := bufs.WriteTo(conn)
	return err
}

var newline = []byte{'\n'}

func (s *Server) isClosing() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closing
}

// lingeringClose ends a connection whose peer may still be sending (the
// rest of its oversized frame). Closing a socket with unread input makes
// the kernel send RST instead of FIN, and an RST can destroy our error
// reply before the peer reads it. So: send FIN, then read and discard
// briefly and boundedly, then close. net/http does the same.
func lingeringClose(conn net.Conn) {
	if tc, ok := conn.(*net.TCPConn); ok {
		tc.CloseWrite()
	}
	conn.SetReadDeadline(time.Now().Add(500 * time.Millisecond))
	io.CopyN(io.Discard, conn, 1<<20)
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// Shutdown stops accepting, lets every connection answer the frames it has
// already received (the one in progress and any pipelined behind it) and
// deliver those replies, closes idle connections, and waits for the handlers. If ctx
// ends first, the remaining connections are closed hard.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	if !s.closing {
		s.closing = true
		close(s.done)
	}
	if s.ln != nil {
		s.ln.Close()
	}
	// A read deadline in the past wakes every handler blocked waiting for
	// its next frame; a handler busy replying finishes that reply first.
	for c := range s.conns {
		c.SetReadDeadline(time.Now())
	}
	s.mu.Unlock()

	done := make(chan struct{})
	go func() { s.wg.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		s.mu.Lock()
		for c := range s.conns {
			c.Close()
		}
		s.mu.Unlock()
		<-done
		return fmt.Errorf("echo shutdown: %w", ctx.Err())
	}
}

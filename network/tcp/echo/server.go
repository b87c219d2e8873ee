// Package echo is the seed's TCP client/server pair done right: a server
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
	ln      net.Listener
	conns   map[net.Conn]struct{}
	wg      sync.WaitGroup
}

// NewServer returns a server with conservative limits.
func NewServer(logger *slog.Logger) *Server {
	return &Server{MaxFrame: 64 << 10, ReadTimeout: 30 * time.Second, WriteTimeout: 10 * time.Second,
		Logger: logger, conns: map[net.Conn]struct{}{}}
}

// Serve accepts connections on ln until Shutdown. Each connection gets its
// own goroutine, so one slow peer never delays another (the seed's server
// handled exactly one connection, then exited).
func (s *Server) Serve(ln net.Listener) error {
	s.mu.Lock()
	if s.closing {
		s.mu.Unlock()
		return ErrServerClosed
	}
	s.ln = ln
	s.mu.Unlock()
	for {
		conn, err := ln.Accept()
		if err != nil {
			s.mu.Lock()
			closing := s.closing
			s.mu.Unlock()
			if closing {
				return ErrServerClosed
			}
			return fmt.Errorf("accept on %s: %w", ln.Addr(), err)
		}
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
		if s.closing {
			s.mu.Unlock()
			return
		}
		conn.SetReadDeadline(time.Now().Add(s.ReadTimeout))
		s.mu.Unlock()

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
		if err := writeReply(conn, w, reply, r.Buffered() == 0); err != nil {
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

// Shutdown stops accepting, lets every connection finish the frame it is
// working on, closes idle connections, and waits for the handlers. If ctx
// ends first, the remaining connections are closed hard.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	s.closing = true
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

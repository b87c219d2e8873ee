// Package echo is the Python original's UDP pair done right. UDP gives datagrams, not a
// stream: each ReadFrom returns exactly one message (no framing needed), but
// messages may be lost, duplicated or reordered, and nothing tells the
// sender. So the client owns reliability (timeouts and retries), and the
// server keeps no per-peer state and answers every datagram independently.
package echo

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"time"
)

// DefaultMaxPayload is the largest payload we accept by default. A UDP
// datagram can carry up to 65507 bytes over IPv4, but anything above the
// path MTU (1500 on Ethernet, minus 28 bytes of IP+UDP headers = 1472) is
// split into IP fragments, and losing one fragment loses the whole datagram.
// 1232 is the size DNS settled on (DNS Flag Day 2020) to be safe on IPv6 too.
const DefaultMaxPayload = 1232

// MaxPayload is the largest payload a UDP datagram can carry over IPv4:
// 65535 minus the 8-byte UDP and 20-byte IP headers.
const MaxPayload = 65507

// ErrTooLarge reports a payload over the limit.
var ErrTooLarge = errors.New("datagram too large")

// Server answers each datagram from one socket. The zero value is usable.
type Server struct {
	MaxPayload int // 0 means DefaultMaxPayload
	Logger     *slog.Logger
	// Drop, if set, is asked about every datagram; true discards it as if
	// the network had lost it. Tests use it to prove the client retries.
	Drop func(payload []byte) bool
}

// Serve answers datagrams on conn until ctx is cancelled, then returns nil.
// It never waits for a particular peer: there is no accept and no
// connection, a reply is one WriteTo with a short deadline, and a failed
// reply is logged and forgotten. (The Python original's server served one datagram and exited.)
func (s *Server) Serve(ctx context.Context, conn net.PacketConn) error {
	max := s.MaxPayload
	if max == 0 {
		max = DefaultMaxPayload
	}
	if max < 0 || max > MaxPayload {
		return fmt.Errorf("udp echo on %s: MaxPayload %d is outside 1..%d", conn.LocalAddr(), max, MaxPayload)
	}
	logger := s.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	// Closing the socket is the only way to wake a blocked ReadFrom.
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()

	// One byte more than allowed: the kernel silently truncates a datagram
	// that does not fit the buffer, so a full buffer means "too large".
	buf := make([]byte, max+1)
	for {
		n, peer, err := conn.ReadFrom(buf)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			if errors.Is(err, net.ErrClosed) {
				return fmt.Errorf("read on %s: %w", conn.LocalAddr(), err)
			}
			// E.g. ICMP errors surfacing from an earlier reply: not fatal.
			logger.Info("read failed", "err", err)
			continue
		}
		reply := buf[:n]
		switch {
		case n > max:
			logger.Warn("datagram too large", "peer", peer, "max", max)
			reply = fmt.Appendf(nil, "ERR datagram too large (max %d bytes)", max)
		case s.Drop != nil && s.Drop(reply):
			continue
		}
		conn.SetWriteDeadline(time.Now().Add(100 * time.Millisecond))
		if _, err := conn.WriteTo(reply, peer); err != nil {
			logger.Info("reply failed", "peer", peer, "err", err)
		}
	}
}

// Result is what Exchange learned.
type Result struct {
	Reply    []byte
	Attempts int // how many datagrams it took: >1 means some were lost
}

// Exchange sends payload to addr and waits for the reply, resending up to
// attempts times, each time waiting perTry. ctx bounds the whole exchange.
// Retrying is safe only because echo is idempotent; a server that changes
// state on each datagram would need request IDs to discard duplicates.
func Exchange(ctx context.Context, addr string, payload []byte, attempts int, perTry time.Duration) (Result, error) {
	if len(payload) > DefaultMaxPayload {
		return Result{}, fmt.Errorf("send to %s: %w (%d > %d bytes)", addr, ErrTooLarge, len(payload), DefaultMaxPayload)
	}
	// A "connected" UDP socket: the kernel drops datagrams from any other
	// address, and an ICMP port-unreachable comes back as ECONNREFUSED on
	// Read, so a dead server fails fast instead of timing out every retry.
	var d net.Dialer
	conn, err := d.DialContext(ctx, "udp", addr)
	if err != nil {
		return Result{}, fmt.Errorf("dial udp %s: %w", addr, err)
	}
	defer conn.Close()
	stop := context.AfterFunc(ctx, func() { conn.SetDeadline(time.Now()) })
	defer stop()

	buf := make([]byte, 64<<10) // the largest possible datagram: never truncate a reply
	for attempt := 1; attempt <= attempts; attempt++ {
		deadline, last := time.Now().Add(perTry), false
		if d, ok := ctx.Deadline(); ok && !d.After(deadline) {
			deadline, last = d, true // ctx ends first: this try is the last one
		}
		conn.SetDeadline(deadline)
		n, err := conn.Write(payload)
		if err == nil {
			n, err = conn.Read(buf)
		}
		if err == nil {
			return Result{Reply: buf[:n:n], Attempts: attempt}, nil
		}
		var ne net.Error
		timeout := errors.As(err, &ne) && ne.Timeout()
		if ctx.Err() != nil || (timeout && last) {
			<-ctx.Done() // the socket timer can fire a hair before ctx notices
			return Result{Attempts: attempt}, fmt.Errorf("exchange with %s: %w", addr, ctx.Err())
		}
		if !timeout {
			return Result{Attempts: attempt}, fmt.Errorf("exchange with %s: %w", addr, err)
		}
		// Timeout: assume the request or the reply was lost and resend.
	}
	return Result{Attempts: attempts}, fmt.Errorf("exchange with %s: no reply after %d attempts of %v", addr, attempts, perTry)
}

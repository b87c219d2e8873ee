package echo

import (
	"context"
	"fmt"
	"net"
	"time"

	"example.com/cloudgo/network/tcp/frame"
)

// Client is one connection to an echo server.
type Client struct {
	conn net.Conn
	r    *frame.LineReader
}

// Dial connects with a timeout bounded by both dialTimeout and ctx: a dead
// address fails fast instead of waiting for the kernel's ~2 minute SYN retries.
func Dial(ctx context.Context, addr string, dialTimeout time.Duration) (*Client, error) {
	d := net.Dialer{Timeout: dialTimeout}
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("dial %s: %w", addr, err)
	}
	return &Client{conn: conn, r: frame.NewLineReader(conn, 1<<20)}, nil
}

// Send writes one frame and waits for its echo. ctx bounds the whole round
// trip: net.Conn knows deadlines, not contexts, so the context's deadline
// becomes the connection's, and a cancel wakes a blocked read.
func (c *Client) Send(ctx context.Context, msg string) (string, error) {
	if d, ok := ctx.Deadline(); ok {
		c.conn.SetDeadline(d)
	} else {
		c.conn.SetDeadline(time.Time{})
	}
	stop := context.AfterFunc(ctx, func() { c.conn.SetDeadline(time.Now()) })
	defer stop()

	buf, err := frame.AppendLine(nil, []byte(msg))
	if err != nil {
		return "", err
	}
	if _, err := c.conn.Write(buf); err != nil {
		if isTimeout(err) {
			<-ctx.Done()
			err = ctx.Err()
		}
		return "", fmt.Errorf("send to %s: %w", c.conn.RemoteAddr(), err)
	}
	reply, err := c.r.Read()
	if err != nil {
		if isTimeout(err) {
			// Our only deadlines come from ctx: report ctx's reason. The
			// socket timer may fire a hair before ctx marks itself done.
			<-ctx.Done()
			err = ctx.Err()
		}
		return "", fmt.Errorf("read reply from %s: %w", c.conn.RemoteAddr(), err)
	}
	return string(reply), nil
}

// Close closes the connection.
func (c *Client) Close() error { return c.conn.Close() }

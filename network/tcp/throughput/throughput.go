// Package throughput measures the echo server's payload rate on loopback
// and, for comparison, what iperf3 gets from the same kernel: the ratio shows
// how much a framed, goroutine-per-connection Go server leaves on the table.
package throughput

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os/exec"
	"strconv"
	"time"

	"example.com/cloudgo/network/tcp/echo"
	"example.com/cloudgo/network/tcp/frame"
)

// Result is one echo run: payload bytes sent and echoed back, and the
// time from the first write to the last echo.
type Result struct {
	Sent, Echoed int64 // payload bytes
	Elapsed      time.Duration
}

// BitsPerSecond is the echoed payload rate.
func (m Result) BitsPerSecond() float64 {
	if m.Elapsed <= 0 {
		return 0
	}
	return float64(m.Echoed*8) / m.Elapsed.Seconds()
}

// Echo streams frames to an in-process echo server from one
// goroutine while another reads the echoes, and counts payload bytes that
// made the round trip. Writing and reading concurrently keeps the pipe
// full, as iperf3 does; a send-wait-send loop would measure latency instead.
func Echo(ctx context.Context, d time.Duration, size int) (Result, error) {
	var m Result
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return m, fmt.Errorf("listen on loopback: %w", err)
	}
	srv := echo.NewServer(slog.New(slog.DiscardHandler))
	srv.MaxFrame = size
	go srv.Serve(ln)
	defer srv.Shutdown(context.Background())

	c, err := (&net.Dialer{Timeout: time.Second}).DialContext(ctx, "tcp", ln.Addr().String())
	if err != nil {
		return m, fmt.Errorf("dial %s: %w", ln.Addr(), err)
	}
	defer c.Close()
	payload, _ := frame.AppendLine(nil, bytes.Repeat([]byte{'x'}, size))
	start := time.Now()
	stopAt := start.Add(d)
	c.SetDeadline(stopAt.Add(10 * time.Second))

	type written struct {
		n   int64
		err error
	}
	wrote := make(chan written, 1)
	go func() {
		var n int64
		for time.Now().Before(stopAt) && ctx.Err() == nil {
			if _, err := c.Write(payload); err != nil {
				wrote <- written{n, fmt.Errorf("write to %s: %w", c.RemoteAddr(), err)}
				return
			}
			n += int64(size)
		}
		// Half-close: the server echoes what is in flight, then sees EOF.
		wrote <- written{n, c.(*net.TCPConn).CloseWrite()}
	}()
	r := frame.NewLineReader(c, size)
	for {
		line, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			c.Close() // unblocks the writer
			<-wrote
			return m, fmt.Errorf("read echo from %s: %w", c.RemoteAddr(), err)
		}
		m.Echoed += int64(len(line))
	}
	m.Elapsed = time.Since(start)
	w := <-wrote
	if m.Sent = w.n; w.err != nil {
		return m, w.err
	}
	if m.Echoed != m.Sent { // a lossy echo would look fast
		return m, fmt.Errorf("echo from %s returned %d of %d bytes sent", c.RemoteAddr(), m.Echoed, m.Sent)
	}
	return m, nil
}

// Iperf3 runs an iperf3 server and client on loopback and
// returns the receiver's bits per second from its JSON report. (No -1 on
// the server: our readiness probe would use up a one-shot server.)
func Iperf3(ctx context.Context, path string, d time.Duration) (float64, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find a free port for iperf3: %w", err)
	}
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	ln.Close()
	ctx, cancel := context.WithTimeout(ctx, d+30*time.Second)
	defer cancel()
	server := exec.CommandContext(ctx, path, "-s", "-B", "127.0.0.1", "-p", port)
	if err := server.Start(); err != nil {
		return 0, fmt.Errorf("start iperf3 server: %w", err)
	}
	defer server.Wait()
	defer server.Process.Kill()
	for range 100 { // wait (up to ~2 s) until it listens
		if c, err := net.Dial("tcp", "127.0.0.1:"+port); err == nil {
			c.Close()
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	secs := strconv.Itoa(max(1, int(d.Round(time.Second).Seconds())))
	outJSON, err := exec.CommandContext(ctx, path, "-c", "127.0.0.1", "-p", port, "-t", secs, "-J").Output()
	if err != nil {
		return 0, fmt.Errorf("iperf3 client on 127.0.0.1:%s: %w", port, err)
	}
	var report struct {
		End struct {
			SumReceived struct {
				BitsPerSecond float64 `json:"bits_per_second"`
			} `json:"sum_received"`
		} `json:"end"`
	}
	if err := json.Unmarshal(outJSON, &report); err != nil {
		return 0, fmt.Errorf("parse iperf3 report: %w", err)
	}
	if report.End.SumReceived.BitsPerSecond <= 0 {
		return 0, fmt.Errorf("iperf3 report on 127.0.0.1:%s has no received rate", port)
	}
	return report.End.SumReceived.BitsPerSecond, nil
}

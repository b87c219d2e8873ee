// Command throughput measures the echo server's payload rate on loopback and,
// in the same run, what iperf3 gets from the same kernel: the ratio shows how
// much a framed, goroutine-per-connection Go server leaves on the table.
//
//	go run ./tcp/throughput -duration 3s
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"example.com/cloudgo/network/internal/cli"
	"example.com/cloudgo/network/tcp/echo"
	"example.com/cloudgo/network/tcp/frame"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("throughput", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// maxFrameSize bounds -frame: client and server each buffer whole frames.
const maxFrameSize = 64 << 20

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("throughput", flag.ContinueOnError)
	fs.SetOutput(stderr)
	duration := fs.Duration("duration", 3*time.Second, "how long each measurement runs")
	size := fs.Int("frame", 256<<10, "payload bytes per frame")
	iperf := fs.String("iperf3", "iperf3", "iperf3 binary; empty to skip the comparison")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if *duration <= 0 {
		return cli.Usagef("-duration must be positive, got %v", *duration)
	}
	if *size < 1 || *size > maxFrameSize {
		return cli.Usagef("-frame must be from 1 to %d bytes, got %d", maxFrameSize, *size)
	}
	m, err := measureEcho(ctx, *duration, *size)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "go echo (%d KiB frames): %6.2f Gbit/s\n", *size>>10, m.bitsPerSecond()/1e9)
	if *iperf == "" {
		return nil
	}
	path, err := exec.LookPath(*iperf)
	if err != nil {
		return fmt.Errorf("iperf3 not found (apt-get install iperf3, or -iperf3 ''): %w", err)
	}
	iperfBps, err := measureIperf(ctx, path, *duration)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "iperf3:                  %6.2f Gbit/s\n", iperfBps/1e9)
	fmt.Fprintf(stdout, "ratio go/iperf3:         %6.0f%%\n", 100*m.bitsPerSecond()/iperfBps)
	return nil
}

// measurement is one echo run: payload bytes sent and echoed back, and the
// time from the first write to the last echo.
type measurement struct {
	sent, echoed int64
	elapsed      time.Duration
}

// bitsPerSecond is the echoed payload rate.
func (m measurement) bitsPerSecond() float64 {
	if m.elapsed <= 0 {
		return 0
	}
	return float64(m.echoed*8) / m.elapsed.Seconds()
}

// measureEcho streams frames to an in-process echo server from one
// goroutine while another reads the echoes, and counts payload bytes that
// made the round trip. Writing and reading concurrently keeps the pipe
// full, as iperf3 does; a send-wait-send loop would measure latency instead.
func measureEcho(ctx context.Context, d time.Duration, size int) (measurement, error) {
	var m measurement
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
		m.echoed += int64(len(line))
	}
	m.elapsed = time.Since(start)
	w := <-wrote
	if m.sent = w.n; w.err != nil {
		return m, w.err
	}
	if m.echoed != m.sent { // a lossy echo would look fast
		return m, fmt.Errorf("echo from %s returned %d of %d bytes sent", c.RemoteAddr(), m.echoed, m.sent)
	}
	return m, nil
}

// measureIperf runs an iperf3 server and client on loopback and
// returns the receiver's bits per second from its JSON report. (No -1 on
// the server: our readiness probe would use up a one-shot server.)
func measureIperf(ctx context.Context, path string, d time.Duration) (float64, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
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
	for range 50 { // wait until it listens
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
	if err := json.Unmarshal(outJSON, &report); err != nil || report.End.SumReceived.BitsPerSecond == 0 {
		return 0, fmt.Errorf("parse iperf3 report: %v", err)
	}
	return report.End.SumReceived.BitsPerSecond, nil
}

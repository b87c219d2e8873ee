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
	"time"

	"example.com/cloudgo/network/tcp/echo"
	"example.com/cloudgo/network/tcp/frame"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "throughput:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("throughput", flag.ContinueOnError)
	duration := fs.Duration("duration", 3*time.Second, "how long each measurement runs")
	size := fs.Int("frame", 256<<10, "payload bytes per frame")
	iperf := fs.String("iperf3", "iperf3", "iperf3 binary; empty to skip the comparison")
	if err := fs.Parse(args); err != nil {
		return err
	}
	echoBps, err := measureEcho(ctx, *duration, *size)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "go echo (%d KiB frames): %6.2f Gbit/s\n", *size>>10, echoBps/1e9)
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
	fmt.Fprintf(out, "iperf3:                  %6.2f Gbit/s\n", iperfBps/1e9)
	fmt.Fprintf(out, "ratio go/iperf3:         %6.0f%%\n", 100*echoBps/iperfBps)
	return nil
}

// measureEcho streams frames to an in-process echo server from one
// goroutine while another reads the echoes, and counts payload bytes that
// made the round trip. Writing and reading concurrently keeps the pipe
// full, as iperf3 does; a send-wait-send loop would measure latency instead.
func measureEcho(ctx context.Context, d time.Duration, size int) (float64, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("listen on loopback: %w", err)
	}
	srv := echo.NewServer(slog.New(slog.DiscardHandler))
	srv.MaxFrame = size
	go srv.Serve(ln)
	defer srv.Shutdown(context.Background())

	c, err := (&net.Dialer{Timeout: time.Second}).DialContext(ctx, "tcp", ln.Addr().String())
	if err != nil {
		return 0, fmt.Errorf("dial %s: %w", ln.Addr(), err)
	}
	defer c.Close()
	payload, _ := frame.AppendLine(nil, bytes.Repeat([]byte{'x'}, size))
	start := time.Now()
	stopAt := start.Add(d)
	c.SetDeadline(stopAt.Add(10 * time.Second))

	writeErr := make(chan error, 1)
	go func() {
		for time.Now().Before(stopAt) && ctx.Err() == nil {
			if _, err := c.Write(payload); err != nil {
				writeErr <- fmt.Errorf("write to %s: %w", c.RemoteAddr(), err)
				return
			}
		}
		// Half-close: the server echoes what is in flight, then sees EOF.
		writeErr <- c.(*net.TCPConn).CloseWrite()
	}()
	r := frame.NewLineReader(c, size)
	var echoed int64
	for {
		line, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return 0, fmt.Errorf("read echo: %w", err)
		}
		echoed += int64(len(line))
	}
	if err := <-writeErr; err != nil {
		return 0, err
	}
	return float64(echoed*8) / time.Since(start).Seconds(), nil
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

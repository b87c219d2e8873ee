// Command throughput measures the echo server's payload rate on loopback and,
// in the same run, what iperf3 gets from the same kernel.
//
//	go run ./tcp/throughput/cmd/throughput -duration 3s
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"syscall"
	"time"

	"example.com/cloudgo/network/internal/cli"
	"example.com/cloudgo/network/tcp/throughput"
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
	m, err := throughput.Echo(ctx, *duration, *size)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "go echo (%d KiB frames): %6.2f Gbit/s\n", *size>>10, m.BitsPerSecond()/1e9)
	if *iperf == "" {
		return nil
	}
	path, err := exec.LookPath(*iperf)
	if err != nil {
		return fmt.Errorf("iperf3 not found (apt-get install iperf3, or -iperf3 ''): %w", err)
	}
	iperfBps, err := throughput.Iperf3(ctx, path, *duration)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "iperf3:                  %6.2f Gbit/s\n", iperfBps/1e9)
	fmt.Fprintf(stdout, "ratio go/iperf3:         %6.0f%%\n", 100*m.BitsPerSecond()/iperfBps)
	return nil
}

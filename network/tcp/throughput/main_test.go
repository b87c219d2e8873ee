package main

import (
	"bytes"
	"context"
	"io"
	"math"
	"regexp"
	"strconv"
	"testing"
	"time"

	"example.com/cloudgo/network/internal/nettest"
)

// The measurement must be of something: every byte sent comes back, the
// run lasts at least the requested time, and the rate is echoed bits over
// that time (a test that accepts any number cannot catch a lossy echo or a
// wrong formula).
func TestMeasureEchoCountsEveryByte(t *testing.T) {
	const size = 64 << 10
	m, err := measureEcho(context.Background(), 300*time.Millisecond, size)
	if err != nil {
		t.Fatal(err)
	}
	if m.sent == 0 || m.sent%size != 0 || m.echoed != m.sent {
		t.Errorf("sent %d, echoed %d bytes: want whole frames, all echoed", m.sent, m.echoed)
	}
	if m.elapsed < 300*time.Millisecond || m.elapsed > 15*time.Second {
		t.Errorf("elapsed %v for a 300ms run", m.elapsed)
	}
	want := float64(m.echoed) * 8 / m.elapsed.Seconds()
	if got := m.bitsPerSecond(); got <= 0 || math.Abs(got-want) > 1e-6*want {
		t.Errorf("bitsPerSecond = %v, want %v", got, want)
	}
}

func TestBitsPerSecond(t *testing.T) {
	m := measurement{sent: 125_000_000, echoed: 125_000_000, elapsed: 2 * time.Second}
	if got := m.bitsPerSecond(); got != 5e8 {
		t.Errorf("125 MB in 2 s = %v bit/s, want 5e8", got)
	}
	if got := (measurement{}).bitsPerSecond(); got != 0 {
		t.Errorf("empty measurement = %v, want 0", got)
	}
}

var rate = regexp.MustCompile(`^go echo \(64 KiB frames\): +([0-9.]+) Gbit/s\n$`)

func TestPrintsEchoThroughput(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"-duration", "300ms", "-frame", "65536", "-iperf3", ""}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	m := rate.FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("output %q", out.String())
	}
	if v, err := strconv.ParseFloat(m[1], 64); err != nil || v <= 0 {
		t.Errorf("printed rate %q: want a positive number", m[1])
	}
}

func TestComparesWithIperf3(t *testing.T) {
	nettest.LookPath(t, "iperf3", "iperf3")
	var out bytes.Buffer
	if err := run(context.Background(), []string{"-duration", "1s", "-frame", "65536"}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`iperf3: +([0-9.]+) Gbit/s\nratio go/iperf3: +([0-9]+)%\n$`).FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("output %q", out.String())
	}
	if v, _ := strconv.ParseFloat(m[1], 64); v <= 0 {
		t.Errorf("iperf3 rate %q: want a positive number", m[1])
	}
}

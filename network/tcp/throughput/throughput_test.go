package throughput

import (
	"context"
	"math"
	"testing"
	"time"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// The measurement must be of something: every byte sent comes back, the
// run lasts at least the requested time, and the rate is echoed bits over
// that time (a test that accepts any number cannot catch a lossy echo or a
// wrong formula).
func TestEchoCountsEveryByte(t *testing.T) {
	const size = 64 << 10
	m, err := Echo(context.Background(), 300*time.Millisecond, size)
	if err != nil {
		t.Fatal(err)
	}
	if m.Sent == 0 || m.Sent%size != 0 || m.Echoed != m.Sent {
		t.Errorf("sent %d, echoed %d bytes: want whole frames, all echoed", m.Sent, m.Echoed)
	}
	if m.Elapsed < 300*time.Millisecond || m.Elapsed > 15*time.Second {
		t.Errorf("elapsed %v for a 300ms run", m.Elapsed)
	}
	want := float64(m.Echoed) * 8 / m.Elapsed.Seconds()
	if got := m.BitsPerSecond(); got <= 0 || math.Abs(got-want) > 1e-6*want {
		t.Errorf("BitsPerSecond = %v, want %v", got, want)
	}
}

func TestBitsPerSecond(t *testing.T) {
	m := Result{Sent: 125_000_000, Echoed: 125_000_000, Elapsed: 2 * time.Second}
	if got := m.BitsPerSecond(); got != 5e8 {
		t.Errorf("125 MB in 2 s = %v bit/s, want 5e8", got)
	}
	if got := (Result{}).BitsPerSecond(); got != 0 {
		t.Errorf("empty result = %v, want 0", got)
	}
}

// The context ends a measurement early (Ctrl-C in the program): the
// writer stops, what is in flight is still echoed and counted, and nothing
// is left running (goleak checks).
func TestEchoStopsWithContext(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	began := time.Now()
	m, err := Echo(ctx, time.Minute, 1024)
	if err != nil {
		t.Fatal(err)
	}
	if took := time.Since(began); took > 10*time.Second {
		t.Errorf("a 1-minute run cancelled after 200ms took %v", took)
	}
	if m.Sent == 0 || m.Echoed != m.Sent {
		t.Errorf("sent %d, echoed %d", m.Sent, m.Echoed)
	}
}

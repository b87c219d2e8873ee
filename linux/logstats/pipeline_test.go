package logstats_test

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/linux/internal/needtool"
	"example.com/cloudgo/linux/logstats"
)

var start = time.Date(2026, 12, 5, 4, 0, 0, 0, time.UTC)

// TestAgainstPipeline runs logstats and pipeline.sh (awk, sort, uniq, cut) on
// the same generated log: the counting sections must be the same bytes, and
// each quantile within the sketch's 1% of the exact one the pipeline sorts out.
func TestAgainstPipeline(t *testing.T) {
	if _, err := exec.LookPath("awk"); err != nil {
		needtool.SkipOrFail(t, "awk not found (apt-get install mawk): "+err.Error())
	}
	needtool.Need(t, "bash", "sort", "uniq", "cut", "sed", "grep")
	file := filepath.Join(t.TempDir(), "access.log")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	o := logstats.GenOptions{Lines: 60000, Seed: 7, Start: start, Span: 45 * time.Minute, MalformedEvery: 997}
	if err := logstats.Generate(context.Background(), f, o); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}

	a := logstats.New(logstats.Auto)
	in, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	if err := a.ReadFrom(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	res := a.Result(10)
	var ours bytes.Buffer
	if err := res.Write(&ours, 10); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("bash", "pipeline.sh", file, "10")
	var theirs, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &theirs, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("pipeline.sh: %v\n%s", err, stderr.String())
	}

	oursCounts, _, _ := strings.Cut(ours.String(), "\nrequest time")
	theirCounts, exact, ok := strings.Cut(theirs.String(), "\nexact request time (s): ")
	if !ok {
		t.Fatalf("pipeline output has no quantile line:\n%s", theirs.String())
	}
	if oursCounts != theirCounts {
		t.Errorf("counting sections differ\n--- logstats\n%s\n--- pipeline.sh\n%s", oursCounts, theirCounts)
	}
	if res.Malformed != uint64(o.Lines/o.MalformedEvery) || res.Requests+res.Malformed != uint64(o.Lines) || len(res.Minutes) != 45 {
		t.Errorf("lines %d = requests %d + malformed %d, minutes %d", res.Lines, res.Requests, res.Malformed, len(res.Minutes))
	}

	var n uint64
	var p50, p95, p99 float64
	if _, err := fmt.Sscanf(exact, "n %d  p50 %g  p95 %g  p99 %g", &n, &p50, &p95, &p99); err != nil {
		t.Fatalf("parse %q: %v", exact, err)
	}
	if n != res.Timed {
		t.Errorf("pipeline saw %d request times, logstats %d", n, res.Timed)
	}
	for _, q := range []struct {
		name  string
		got   time.Duration
		exact float64
	}{{"p50", res.P50, p50}, {"p95", res.P95, p95}, {"p99", res.P99, p99}} {
		if rel := math.Abs(q.got.Seconds()-q.exact) / q.exact; rel > logstats.Alpha {
			t.Errorf("%s = %v, exact %gs: relative error %.3f > %g", q.name, q.got, q.exact, rel, logstats.Alpha)
		}
	}
	t.Logf("p50 %v p95 %v p99 %v; exact %g %g %g", res.P50, res.P95, res.P99, p50, p95, p99)
}

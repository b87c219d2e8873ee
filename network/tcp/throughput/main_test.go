package main

import (
	"bytes"
	"context"
	"regexp"
	"testing"

	"example.com/cloudgo/network/internal/testenv"
)

var rate = regexp.MustCompile(`go echo \(64 KiB frames\): +[0-9.]+ Gbit/s\n`)

func TestMeasuresEchoThroughput(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"-duration", "300ms", "-frame", "65536", "-iperf3", ""}, &out); err != nil {
		t.Fatal(err)
	}
	if !rate.MatchString(out.String()) {
		t.Errorf("output %q", out.String())
	}
}

func TestComparesWithIperf3(t *testing.T) {
	testenv.LookPath(t, "iperf3", "iperf3")
	var out bytes.Buffer
	if err := run(context.Background(), []string{"-duration", "1s", "-frame", "65536"}, &out); err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`iperf3: +[0-9.]+ Gbit/s\nratio go/iperf3: +[0-9]+%\n$`).MatchString(out.String()) {
		t.Errorf("output %q", out.String())
	}
}

package main

import (
	"bytes"
	"context"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"example.com/cloudgo/network/internal/cli"
	"example.com/cloudgo/network/internal/nettest"
)

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

func TestBadFlagValues(t *testing.T) {
	for _, args := range [][]string{{"-duration", "0s"}, {"-frame", "0"}, {"-frame", "-1"}, {"-frame", "100000000"}} {
		err := run(context.Background(), append(args, "-iperf3", ""), io.Discard, io.Discard)
		if cli.Code(err) != 2 || !strings.Contains(err.Error(), args[0]) {
			t.Errorf("%v: err = %v (exit %d), want exit 2 naming the flag", args, err, cli.Code(err))
		}
	}
}

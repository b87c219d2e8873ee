package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"strings"
	"testing"

	"example.com/cloudgo/network/internal/cli"
)

// The classful /24 of 192.168.1.77 disagrees with its real /20 network:
// that mismatch is the whole reason classes were abandoned.
func Example() {
	if err := run(context.Background(), []string{"-split", "22", "192.168.1.77/20", "fe80::1%eth0"}, os.Stdout, io.Discard); err != nil {
		panic(err)
	}
	// Output:
	// 192.168.1.77/20
	//   version: IPv4
	//   class:   C  (leading bits 110), classful /24
	//   scope:   private (RFC 1918, not routed on the internet)
	//   network: 192.168.0.0/20  first 192.168.0.0  last 192.168.15.255  addresses 4096  mask 255.255.240.0
	//   split into /22: [192.168.0.0/22 192.168.4.0/22 192.168.8.0/22 192.168.12.0/22]
	// fe80::1%eth0
	//   version: IPv6
	//   class:   -  (IPv6 never had classes)
	//   scope:   link-local (one link only, e.g. autoconfiguration)
}

func TestBadInputStillAnswersTheRest(t *testing.T) {
	var out bytes.Buffer
	err := run(context.Background(), []string{"300.1.1.1", "10.0.0.1"}, &out, io.Discard)
	if err == nil || !strings.Contains(err.Error(), `"300.1.1.1"`) || cli.Code(err) != 1 {
		t.Fatalf("err = %v (exit %d), want exit 1 naming the bad input", err, cli.Code(err))
	}
	if !strings.Contains(out.String(), "10.0.0.1\n") {
		t.Errorf("good input after the bad one was not described:\n%s", out.String())
	}
}

func TestBadSplitIsAUsageError(t *testing.T) {
	for _, v := range []string{"-1", "129"} {
		err := run(context.Background(), []string{"-split", v, "10.0.0.0/8"}, io.Discard, io.Discard)
		if cli.Code(err) != 2 || !strings.Contains(err.Error(), "-split") {
			t.Errorf("-split %s: err = %v (exit %d), want exit 2 naming -split", v, err, cli.Code(err))
		}
	}
}

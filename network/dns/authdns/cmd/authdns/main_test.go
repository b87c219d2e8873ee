package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/network/dns/authdns"
	"example.com/cloudgo/network/internal/cli"
	"example.com/cloudgo/network/internal/nettest"
)

func TestServeZoneFileAndStopOnSignal(t *testing.T) {
	zone := filepath.Join(t.TempDir(), "db.demo")
	os.WriteFile(zone, []byte("$ORIGIN demo.test.\n@ 60 IN SOA ns hostmaster 1 60 60 60 60\napi 60 IN A 192.0.2.99\n"), 0o644)
	addr, stop := nettest.StartServer(t, run, "-addr", "127.0.0.1:0", "-zone", zone)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	ips, err := authdns.NewResolver(addr, time.Second).LookupHost(ctx, "api.demo.test.")
	if err != nil || len(ips) != 1 || ips[0] != "192.0.2.99" {
		t.Errorf("lookup = %v, %v", ips, err)
	}
	stop()

	bad := filepath.Join(t.TempDir(), "bad")
	os.WriteFile(bad, []byte("@ IN A not-an-ip\n"), 0o644)
	if err := run(context.Background(), []string{"-addr", "127.0.0.1:0", "-zone", bad}, io.Discard, io.Discard); cli.Code(err) != 1 || !strings.Contains(err.Error(), bad) {
		t.Errorf("broken zone file: err = %v, want exit 1 naming %s", err, bad)
	}
}

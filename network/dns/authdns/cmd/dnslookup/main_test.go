package main

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/network/dns/authdns"
	"example.com/cloudgo/network/internal/cli"
	"example.com/cloudgo/network/internal/nettest"
)

func TestLookupAgainstServer(t *testing.T) {
	zone, err := authdns.ParseZone(authdns.ExampleZone)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := authdns.Start("127.0.0.1:0", zone)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Shutdown(context.Background())

	var out bytes.Buffer
	if err := run(context.Background(), []string{"-server", srv.Addr}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	want := `A     www.example.test. -> [192.0.2.10 192.0.2.11]
AAAA  www.example.test. -> [2001:db8::10]
CNAME web.example.test. -> www.example.test.
MX    example.test. -> 10 mail.example.test.
MX    example.test. -> 20 backup.example.test.
TXT   example.test. -> ["owner=cloudgo" "v=spf1 mx -all"]
SRV   _http._tcp.example.test. -> www.example.test.:8080 (priority 10, weight 60)
SRV   _http._tcp.example.test. -> backup.example.test.:8081 (priority 20, weight 40)
`
	if out.String() != want {
		t.Errorf("output:\n%s\nwant:\n%s", out.String(), want)
	}
}

func TestLookupNamesTheServerOnFailure(t *testing.T) {
	dead := nettest.FreeAddr(t) // no DNS server there
	began := time.Now()
	err := run(context.Background(), []string{"-server", dead, "-timeout", "500ms"}, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), dead) {
		t.Errorf("err = %v, want it to name %s", err, dead)
	}
	if took := time.Since(began); took > 3*time.Second {
		t.Errorf("failing lookup took %v", took)
	}
}

func TestBadTimeout(t *testing.T) {
	for _, v := range []string{"0s", "-2s"} {
		if err := run(context.Background(), []string{"-timeout", v}, io.Discard, io.Discard); cli.Code(err) != 2 {
			t.Errorf("-timeout %s: err = %v, want exit 2", v, err)
		}
	}
}

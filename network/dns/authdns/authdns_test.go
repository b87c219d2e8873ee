package authdns

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/network/internal/nettest"
	"github.com/miekg/dns"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func startZone(t *testing.T) string {
	t.Helper()
	z, err := ParseZone(ExampleZone)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Start("127.0.0.1:0", z)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		if err := s.Shutdown(ctx); err != nil {
			t.Errorf("shutdown: %v", err)
		}
	})
	return s.Addr
}

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	t.Cleanup(cancel)
	return c
}

func TestResolverLookups(t *testing.T) {
	r := NewResolver(startZone(t), time.Second)
	// Trailing dots make the names absolute: no search domains from
	// /etc/resolv.conf get appended.
	v4, err := r.LookupNetIP(ctx(t), "ip4", "www.example.test.")
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(v4, netip.Addr.Compare)
	if want := []netip.Addr{netip.MustParseAddr("192.0.2.10"), netip.MustParseAddr("192.0.2.11")}; !slices.Equal(v4, want) {
		t.Errorf("A www = %v, want %v", v4, want)
	}
	v6, err := r.LookupNetIP(ctx(t), "ip6", "www.example.test.")
	if err != nil || len(v6) != 1 || v6[0] != netip.MustParseAddr("2001:db8::10") {
		t.Errorf("AAAA www = %v, %v", v6, err)
	}
	// web is an alias: the address query follows the CNAME to www.
	if cname, err := r.LookupCNAME(ctx(t), "web.example.test."); err != nil || cname != "www.example.test." {
		t.Errorf("CNAME web = %q, %v", cname, err)
	}
	if ips, err := r.LookupNetIP(ctx(t), "ip4", "web.example.test."); err != nil || len(ips) != 2 {
		t.Errorf("A via CNAME = %v, %v", ips, err)
	}
	mx, err := r.LookupMX(ctx(t), "example.test.")
	if err != nil || len(mx) != 2 || mx[0].Host != "mail.example.test." || mx[0].Pref != 10 || mx[1].Host != "backup.example.test." {
		t.Errorf("MX = %+v, %v", mx, err)
	}
	txt, err := r.LookupTXT(ctx(t), "example.test.")
	slices.Sort(txt)
	if err != nil || !slices.Equal(txt, []string{"owner=cloudgo", "v=spf1 mx -all"}) {
		t.Errorf("TXT = %q, %v", txt, err)
	}
	cname, srv, err := r.LookupSRV(ctx(t), "http", "tcp", "example.test.")
	if err != nil || cname != "_http._tcp.example.test." || len(srv) != 2 ||
		srv[0].Target != "www.example.test." || srv[0].Port != 8080 || srv[1].Port != 8081 {
		t.Errorf("SRV = %q %+v, %v", cname, srv, err)
	}
}

func TestNegativeAnswers(t *testing.T) {
	r := NewResolver(startZone(t), time.Second)
	_, err := r.LookupNetIP(ctx(t), "ip4", "nope.example.test.")
	var dnsErr *net.DNSError
	if !errors.As(err, &dnsErr) || !dnsErr.IsNotFound {
		t.Errorf("missing name: err = %v, want a not-found DNSError (NXDOMAIN)", err)
	}
	// Outside our zone we answer REFUSED: an authoritative server is not
	// a recursive resolver, and must not pretend to know example.com.
	if _, err := r.LookupNetIP(ctx(t), "ip4", "example.com."); err == nil {
		t.Error("lookup outside the zone succeeded")
	}
}

// Talking DNS directly shows what net.Resolver hides: the AA flag, and the
// SOA that comes with a "name exists, but has no such record" answer.
func TestWireLevelAnswers(t *testing.T) {
	addr := startZone(t)
	for _, network := range []string{"udp", "tcp"} {
		c := &dns.Client{Net: network, Timeout: time.Second}
		q := new(dns.Msg).SetQuestion("mail.example.test.", dns.TypeAAAA)
		resp, _, err := c.Exchange(q, addr)
		if err != nil {
			t.Fatalf("%s exchange: %v", network, err)
		}
		if !resp.Authoritative || resp.Rcode != dns.RcodeSuccess || len(resp.Answer) != 0 || len(resp.Ns) != 1 || resp.Ns[0].Header().Rrtype != dns.TypeSOA {
			t.Errorf("%s NODATA reply wrong:\n%v", network, resp)
		}
	}
}

func TestLookupTimesOut(t *testing.T) {
	// A "server" that reads queries and never answers.
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer pc.Close()
	go func() {
		buf := make([]byte, 512)
		for {
			if _, _, err := pc.ReadFrom(buf); err != nil {
				return
			}
		}
	}()
	r := NewResolver(pc.LocalAddr().String(), time.Second)
	c, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	began := time.Now()
	_, err = r.LookupNetIP(c, "ip4", "www.example.test.")
	var dnsErr *net.DNSError
	if !errors.As(err, &dnsErr) || !dnsErr.IsTimeout {
		t.Errorf("err = %v, want a timeout DNSError", err)
	}
	if took := time.Since(began); took > time.Second {
		t.Errorf("lookup took %v despite a 300ms context", took)
	}
}

// dig (BIND's client) is an independent DNS implementation: it must read
// our answers the same way.
func TestDigAgrees(t *testing.T) {
	dig := nettest.LookPath(t, "dig", "dnsutils")
	host, port, _ := net.SplitHostPort(startZone(t))
	run := func(args ...string) string {
		c, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		out, err := exec.CommandContext(c, dig, append([]string{"@" + host, "-p", port, "+time=2", "+tries=1"}, args...)...).Output()
		if err != nil {
			t.Fatalf("dig %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	lines := func(s string) []string {
		l := strings.Split(strings.TrimSpace(s), "\n")
		slices.Sort(l)
		return l
	}
	cases := []struct {
		args []string
		want []string
	}{
		{[]string{"www.example.test", "A", "+short"}, []string{"192.0.2.10", "192.0.2.11"}},
		{[]string{"www.example.test", "AAAA", "+short", "+tcp"}, []string{"2001:db8::10"}},
		{[]string{"web.example.test", "A", "+short"}, []string{"192.0.2.10", "192.0.2.11", "www.example.test."}},
		{[]string{"example.test", "MX", "+short"}, []string{"10 mail.example.test.", "20 backup.example.test."}},
		{[]string{"example.test", "TXT", "+short"}, []string{`"owner=cloudgo"`, `"v=spf1 mx -all"`}},
		{[]string{"_http._tcp.example.test", "SRV", "+short"}, []string{"10 60 8080 www.example.test.", "20 40 8081 backup.example.test."}},
	}
	for _, c := range cases {
		if got := lines(run(c.args...)); !slices.Equal(got, c.want) {
			t.Errorf("dig %v = %q, want %q", c.args, got, c.want)
		}
	}
	full := run("nope.example.test", "A")
	if !strings.Contains(full, "status: NXDOMAIN") || !strings.Contains(full, "flags: qr aa") {
		t.Errorf("dig for a missing name should show an authoritative NXDOMAIN:\n%s", full)
	}
}

// _tcp.example.test. owns no records, but _http._tcp.example.test. below it
// does: it is an empty non-terminal and exists (RFC 8020). NXDOMAIN for it
// would tell resolvers that implement RFC 8020 that nothing below exists
// either, hiding the SRV records. The right answer is NODATA: NOERROR, no
// answer, the SOA in the authority section.
func TestEmptyNonTerminalIsNODATA(t *testing.T) {
	addr := startZone(t)
	c := &dns.Client{Net: "udp", Timeout: time.Second}
	for _, qtype := range []uint16{dns.TypeA, dns.TypeSRV, dns.TypeTXT} {
		resp, _, err := c.Exchange(new(dns.Msg).SetQuestion("_tcp.example.test.", qtype), addr)
		if err != nil {
			t.Fatal(err)
		}
		if resp.Rcode != dns.RcodeSuccess || !resp.Authoritative || len(resp.Answer) != 0 ||
			len(resp.Ns) != 1 || resp.Ns[0].Header().Rrtype != dns.TypeSOA {
			t.Errorf("_tcp.example.test. %s: want NODATA (NOERROR, SOA), got:\n%v", dns.TypeToString[qtype], resp)
		}
	}
	// A sibling that really does not exist is still NXDOMAIN.
	resp, _, err := c.Exchange(new(dns.Msg).SetQuestion("_udp.example.test.", dns.TypeSRV), addr)
	if err != nil || resp.Rcode != dns.RcodeNameError {
		t.Errorf("_udp.example.test.: want NXDOMAIN, got %v, %v", resp, err)
	}
}

// dig, as an independent client, sees the empty non-terminal as NOERROR.
func TestDigSeesEmptyNonTerminalAsNODATA(t *testing.T) {
	dig := nettest.LookPath(t, "dig", "dnsutils")
	host, port, _ := net.SplitHostPort(startZone(t))
	c, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	out, err := exec.CommandContext(c, dig, "@"+host, "-p", port, "+time=2", "+tries=1", "_tcp.example.test", "SRV").Output()
	if err != nil {
		t.Fatalf("dig: %v\n%s", err, out)
	}
	s := string(out)
	if !strings.Contains(s, "status: NOERROR") || !strings.Contains(s, "flags: qr aa") ||
		!strings.Contains(s, "ANSWER: 0, AUTHORITY: 1") {
		t.Errorf("dig _tcp.example.test SRV: want an authoritative NODATA:\n%s", s)
	}
}

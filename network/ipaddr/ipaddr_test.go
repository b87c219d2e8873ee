package ipaddr

import (
	"net/netip"
	"strings"
	"testing"
)

func TestClassFromFirstOctet(t *testing.T) {
	cases := []struct {
		addr  string
		class string
		bits  int
	}{
		{"0.0.0.0", "A", 8}, {"10.0.0.1", "A", 8}, {"127.255.255.255", "A", 8},
		{"128.0.0.0", "B", 16}, {"172.16.5.4", "B", 16}, {"191.255.0.1", "B", 16},
		{"192.0.0.0", "C", 24}, {"192.168.1.1", "C", 24}, {"223.1.1.1", "C", 24},
		{"224.0.0.1", "D", 0}, {"239.255.255.255", "D", 0},
		{"240.0.0.1", "E", 0}, {"255.255.255.255", "E", 0},
		{"::ffff:10.0.0.1", "A", 8}, // IPv4-mapped IPv6 is still the IPv4 address
	}
	for _, c := range cases {
		got, err := Class(netip.MustParseAddr(c.addr))
		if err != nil {
			t.Fatalf("Class(%s): %v", c.addr, err)
		}
		if got.Class != c.class || got.DefaultLen != c.bits {
			t.Errorf("Class(%s) = %s/%d, want %s/%d", c.addr, got.Class, got.DefaultLen, c.class, c.bits)
		}
	}
	if _, err := Class(netip.MustParseAddr("2001:db8::1")); err == nil {
		t.Error("Class of an IPv6 address succeeded; IPv6 never had classes")
	}
}

func TestScope(t *testing.T) {
	cases := map[string]string{
		"127.0.0.1":       "loopback",
		"::1":             "loopback",
		"10.1.2.3":        "private",
		"172.31.255.255":  "private",
		"172.32.0.1":      "global unicast", // just outside 172.16.0.0/12
		"192.168.0.10":    "private",
		"169.254.1.1":     "link-local",
		"fe80::1":         "link-local",
		"224.0.0.251":     "multicast",
		"ff02::1":         "multicast",
		"fd12:3456::1":    "unique local",
		"100.64.0.1":      "carrier-grade NAT",
		"203.0.113.9":     "documentation",
		"2001:db8::1":     "documentation",
		"0.0.0.0":         "unspecified",
		"8.8.8.8":         "global unicast",
		"255.255.255.255": "limited broadcast",
		"250.1.1.1":       "reserved",
	}
	for addr, want := range cases {
		if got := Scope(netip.MustParseAddr(addr)); !strings.Contains(got, want) {
			t.Errorf("Scope(%s) = %q, want it to mention %q", addr, got, want)
		}
	}
}

func TestSubnet(t *testing.T) {
	_, p, err := Parse("192.168.1.77/20")
	if err != nil {
		t.Fatal(err)
	}
	s := Subnet(p)
	if s.Prefix.String() != "192.168.0.0/20" || s.Last.String() != "192.168.15.255" ||
		s.Mask != "255.255.240.0" || s.Addresses.Int64() != 4096 {
		t.Errorf("Subnet(%s) = %+v", p, s)
	}
	_, p6, _ := Parse("2001:db8:abcd:12::5/64")
	s6 := Subnet(p6)
	if s6.Last.String() != "2001:db8:abcd:12:ffff:ffff:ffff:ffff" || s6.Addresses.String() != "18446744073709551616" {
		t.Errorf("Subnet(%s) = %+v", p6, s6)
	}
	if all := Subnet(netip.MustParsePrefix("0.0.0.0/0")); all.Mask != "0.0.0.0" || all.Addresses.Int64() != 1<<32 {
		t.Errorf("/0 = %+v, want mask 0.0.0.0 and 2^32 addresses", all)
	}
}

func TestSplit(t *testing.T) {
	subs, err := Split(netip.MustParsePrefix("10.0.0.0/16"), 18, 16)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"10.0.0.0/18", "10.0.64.0/18", "10.0.128.0/18", "10.0.192.0/18"}
	if len(subs) != len(want) {
		t.Fatalf("got %v, want %v", subs, want)
	}
	for i := range want {
		if subs[i].String() != want[i] {
			t.Errorf("subnet %d = %s, want %s", i, subs[i], want[i])
		}
	}
	if _, err := Split(netip.MustParsePrefix("10.0.0.0/8"), 30, 1024); err == nil {
		t.Error("split into 4M subnets succeeded; want the limit to refuse it")
	}
	if _, err := Split(netip.MustParsePrefix("10.0.0.0/16"), 8, 1024); err == nil {
		t.Error("split into a shorter prefix succeeded")
	}
}

func TestParseRejectsBadInput(t *testing.T) {
	for _, s := range []string{"", "256.1.1.1", "10.0.0.1/33", "1.2.3", "010.1.1.1", "::1/129", "host.example"} {
		if _, _, err := Parse(s); err == nil {
			t.Errorf("Parse(%q) succeeded, want an error", s)
		}
	}
}

// FuzzParse checks the parser never panics and what it accepts is
// self-consistent: the prefix contains the address and subnet math agrees.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"10.1.2.3", "192.168.1.77/20", "::1", "fe80::1%eth0", "2001:db8::/32",
		"0.0.0.0/0", "::ffff:1.2.3.4", "255.255.255.255/32", "1.2.3.4/", "::/0", " 10.0.0.1 "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, p, err := Parse(s)
		if err != nil {
			return
		}
		if !p.Contains(a.WithZone("")) {
			t.Fatalf("Parse(%q): prefix %s does not contain its address %s", s, p, a)
		}
		sub := Subnet(p)
		if !sub.Prefix.Contains(sub.First) || !sub.Prefix.Contains(sub.Last) || sub.Last.Less(sub.First) {
			t.Fatalf("Subnet(%s) inconsistent: %+v", p, sub)
		}
		if a.Is4() {
			if _, err := Class(a); err != nil {
				t.Fatalf("Class(%s): %v", a, err)
			}
		}
		_ = Scope(a)
	})
}

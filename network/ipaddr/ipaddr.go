// Package ipaddr explains IP addresses the way a network engineer reads them
// today: which prefix they belong to and what that prefix is for. The old
// classful view (A–E) is computed too, because it still shows up in exams and
// legacy configs, but only as history: since CIDR (RFC 1519, 1993) the split
// between network and host is the prefix length, not the first octet.
package ipaddr

import (
	"errors"
	"fmt"
	"math/big"
	"net/netip"
	"strings"
)

// ClassInfo is the pre-1993 classful reading of an IPv4 address. A class
// only fixed where the network part ended: A = first 8 bits (126 usable
// networks of ~16.7M hosts), B = 16 bits (16384 networks of 65534 hosts),
// C = 24 bits (~2M networks of 254 hosts). It never said anything about
// "LAN" vs "regional" vs "national" use. D is multicast, E reserved.
type ClassInfo struct {
	Class      string // "A".."E"
	LeadBits   string // the fixed leading bits that select the class
	DefaultLen int    // implied prefix length; 0 for D and E (no network/host split)
}

// Class returns the classful reading of an IPv4 address, decided only by
// the leading bits of the first octet.
func Class(a netip.Addr) (ClassInfo, error) {
	a = a.Unmap() // ::ffff:10.0.0.1 is the IPv4 address 10.0.0.1
	if !a.Is4() {
		return ClassInfo{}, fmt.Errorf("class of %s: classes exist only for IPv4", a)
	}
	first := a.As4()[0]
	switch {
	case first < 128: // 0xxxxxxx
		return ClassInfo{"A", "0", 8}, nil
	case first < 192: // 10xxxxxx
		return ClassInfo{"B", "10", 16}, nil
	case first < 224: // 110xxxxx
		return ClassInfo{"C", "110", 24}, nil
	case first < 240: // 1110xxxx
		return ClassInfo{"D", "1110", 0}, nil
	default: // 1111xxxx
		return ClassInfo{"E", "1111", 0}, nil
	}
}

// special lists the special-purpose ranges (RFC 6890 and friends) that the
// netip predicates do not name. Order matters: the first match wins.
var special = []struct {
	prefix netip.Prefix
	name   string
}{
	{netip.MustParsePrefix("100.64.0.0/10"), "shared address space (carrier-grade NAT, RFC 6598)"},
	{netip.MustParsePrefix("192.0.2.0/24"), "documentation (TEST-NET-1, RFC 5737)"},
	{netip.MustParsePrefix("198.51.100.0/24"), "documentation (TEST-NET-2, RFC 5737)"},
	{netip.MustParsePrefix("203.0.113.0/24"), "documentation (TEST-NET-3, RFC 5737)"},
	{netip.MustParsePrefix("255.255.255.255/32"), "limited broadcast"},
	{netip.MustParsePrefix("240.0.0.0/4"), "reserved (former class E)"},
	{netip.MustParsePrefix("2001:db8::/32"), "documentation (RFC 3849)"},
}

// Scope says what an address is for. It is what routing and firewalls act
// on, and it is a property of the prefix, never of a "class".
func Scope(a netip.Addr) string {
	a = a.Unmap()
	for _, s := range special {
		if s.prefix.Contains(a) {
			return s.name
		}
	}
	switch {
	case a.IsUnspecified():
		return "unspecified (any address, used for listening)"
	case a.IsLoopback():
		return "loopback (never leaves the host)"
	case a.IsPrivate():
		if a.Is6() {
			return "unique local (private, RFC 4193)"
		}
		return "private (RFC 1918, not routed on the internet)"
	case a.IsLinkLocalUnicast():
		return "link-local (one link only, e.g. autoconfiguration)"
	case a.IsLinkLocalMulticast(), a.IsInterfaceLocalMulticast(), a.IsMulticast():
		return "multicast (one-to-many)"
	case a.IsGlobalUnicast():
		return "global unicast"
	default:
		return "reserved"
	}
}

// Parse accepts an address ("10.1.2.3", "fe80::1%eth0") or a prefix
// ("10.1.2.3/20"). A bare address becomes a single-address prefix (/32 or
// /128). The returned prefix keeps the host bits so Subnet can show both.
func Parse(s string) (netip.Addr, netip.Prefix, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return netip.Addr{}, netip.Prefix{}, errors.New("parse address: empty input")
	}
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return netip.Addr{}, netip.Prefix{}, fmt.Errorf("parse prefix %q: %w", s, err)
		}
		return p.Addr(), p, nil
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Addr{}, netip.Prefix{}, fmt.Errorf("parse address %q: %w", s, err)
	}
	// A zone (%eth0) names an interface, not part of the address: prefixes
	// cannot carry one, so drop it for the subnet math.
	return a, netip.PrefixFrom(a.WithZone(""), a.BitLen()), nil
}

// SubnetInfo is the CIDR arithmetic for one prefix.
type SubnetInfo struct {
	Prefix    netip.Prefix // masked: the network itself
	First     netip.Addr   // network address
	Last      netip.Addr   // last address (the IPv4 broadcast address)
	Addresses *big.Int     // 2^(bits-len); big because an IPv6 /0 has 2^128
	Mask      string       // dotted mask for IPv4, empty for IPv6
}

// Subnet computes the network, first/last address and size of a prefix.
func Subnet(p netip.Prefix) SubnetInfo {
	n := p.Masked()
	hostBits := n.Addr().BitLen() - n.Bits()
	size := new(big.Int).Lsh(big.NewInt(1), uint(hostBits))
	info := SubnetInfo{Prefix: n, First: n.Addr(), Last: lastAddr(n), Addresses: size}
	if n.Addr().Is4() {
		m := ^uint32(0) << hostBits
		if hostBits == 32 {
			m = 0
		}
		info.Mask = fmt.Sprintf("%d.%d.%d.%d", byte(m>>24), byte(m>>16), byte(m>>8), byte(m))
	}
	return info
}

// lastAddr sets every host bit of the masked prefix.
func lastAddr(p netip.Prefix) netip.Addr {
	b := p.Addr().AsSlice()
	for i := p.Bits(); i < len(b)*8; i++ {
		b[i/8] |= 0x80 >> (i % 8)
	}
	a, _ := netip.AddrFromSlice(b)
	return a
}

// Split divides p into 2^(newBits-p.Bits()) equal subnets of length
// newBits, the everyday CIDR task ("carve 10.0.0.0/16 into /18s"). It
// refuses to produce more than limit subnets.
func Split(p netip.Prefix, newBits, limit int) ([]netip.Prefix, error) {
	p = p.Masked()
	if newBits < p.Bits() || newBits > p.Addr().BitLen() {
		return nil, fmt.Errorf("split %s into /%d: new length must be between %d and %d", p, newBits, p.Bits(), p.Addr().BitLen())
	}
	if newBits-p.Bits() > 30 || 1<<(newBits-p.Bits()) > limit {
		return nil, fmt.Errorf("split %s into /%d: more than %d subnets", p, newBits, limit)
	}
	count := 1 << (newBits - p.Bits())
	out := make([]netip.Prefix, 0, count)
	next := p.Addr()
	for range count {
		sub := netip.PrefixFrom(next, newBits)
		out = append(out, sub)
		next = lastAddr(sub).Next()
	}
	return out, nil
}

// Package authdns is a tiny authoritative DNS server (built on
// github.com/miekg/dns) for one zone, and the client side that matters in
// Go programs: a net.Resolver pointed at a chosen server, with timeouts.
//
// The Python original lists "Bind, PowerDNS, Nginx" as DNS servers; Nginx is not one.
// And DNS is not "a database of name -> IP": it is a tree of zones, each
// served authoritatively by its own servers, with typed records (A, AAAA,
// CNAME, MX, TXT, SRV ...), which is what this package serves.
package authdns

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"time"

	"github.com/miekg/dns"
)

// ExampleZone is the demo zone in RFC 1035 master-file syntax. The
// addresses come from the documentation ranges (192.0.2.0/24, 2001:db8::/32).
const ExampleZone = `$ORIGIN example.test.
$TTL 300
@           IN SOA   ns1 hostmaster 2026112201 3600 600 86400 60
@           IN NS    ns1
ns1         IN A     127.0.0.1
www         IN A     192.0.2.10
www         IN A     192.0.2.11
www         IN AAAA  2001:db8::10
web         IN CNAME www
@           IN MX    10 mail
@           IN MX    20 backup
mail        IN A     192.0.2.25
backup      IN A     192.0.2.26
@           IN TXT   "v=spf1 mx -all"
@           IN TXT   "owner=cloudgo"
_http._tcp  IN SRV   10 60 8080 www
_http._tcp  IN SRV   20 40 8081 backup
`

// Zone answers queries for one origin from records held in memory.
type Zone struct {
	origin string
	soa    dns.RR
	byName map[string][]dns.RR // lower-case owner name -> records
	// empty holds the empty non-terminals: names with no records of their
	// own but with records below them (_tcp.example.test. when only
	// _http._tcp.example.test. has records). They exist (RFC 8020).
	empty map[string]bool
}

// ParseZone reads a zone in master-file syntax.
func ParseZone(text string) (*Zone, error) {
	z := &Zone{byName: map[string][]dns.RR{}}
	zp := dns.NewZoneParser(strings.NewReader(text), "", "zone")
	for rr, ok := zp.Next(); ok; rr, ok = zp.Next() {
		name := strings.ToLower(rr.Header().Name)
		if soa, isSOA := rr.(*dns.SOA); isSOA {
			z.origin, z.soa = name, soa
		}
		z.byName[name] = append(z.byName[name], rr)
	}
	if err := zp.Err(); err != nil {
		return nil, fmt.Errorf("parse zone: %w", err)
	}
	if z.soa == nil {
		return nil, errors.New("parse zone: no SOA record")
	}
	z.empty = map[string]bool{}
	for name := range z.byName {
		// Every ancestor between the owner and the apex exists too.
		for off, end := dns.NextLabel(name, 0); !end; off, end = dns.NextLabel(name, off) {
			parent := name[off:]
			if parent == z.origin || !dns.IsSubDomain(z.origin, parent) {
				break
			}
			if _, has := z.byName[parent]; !has {
				z.empty[parent] = true
			}
		}
	}
	return z, nil
}

// Origin is the zone's apex, e.g. "example.test.".
func (z *Zone) Origin() string { return z.origin }

// ServeDNS answers as an authoritative server: the AA flag set, NXDOMAIN
// for names that do not exist, an empty answer plus the SOA (NODATA) for
// names that exist without the asked type (empty non-terminals included), CNAMEs followed inside the
// zone, and REFUSED for names outside it (we are not a recursive resolver).
func (z *Zone) ServeDNS(w dns.ResponseWriter, req *dns.Msg) {
	m := new(dns.Msg)
	m.SetReply(req)
	if len(req.Question) != 1 {
		m.Rcode = dns.RcodeFormatError
		w.WriteMsg(m)
		return
	}
	q := req.Question[0]
	name := strings.ToLower(q.Name)
	if !dns.IsSubDomain(z.origin, name) {
		m.Rcode = dns.RcodeRefused
		w.WriteMsg(m)
		return
	}
	m.Authoritative = true
	for range 8 { // follow CNAME chains, but never loop forever
		rrs, exists := z.byName[name]
		if !exists {
			// An empty non-terminal exists: NODATA (NOERROR, no answer), never
			// NXDOMAIN, which resolvers take to mean the whole subtree is
			// gone (RFC 8020).
			if len(m.Answer) == 0 && !z.empty[name] {
				m.Rcode = dns.RcodeNameError
			}
			break
		}
		var cname *dns.CNAME
		for _, rr := range rrs {
			switch {
			case rr.Header().Rrtype == q.Qtype || q.Qtype == dns.TypeANY:
				m.Answer = append(m.Answer, rr)
			case rr.Header().Rrtype == dns.TypeCNAME:
				cname = rr.(*dns.CNAME)
			}
		}
		if cname == nil || q.Qtype == dns.TypeCNAME {
			break
		}
		m.Answer = append(m.Answer, cname)
		name = strings.ToLower(cname.Target)
		if !dns.IsSubDomain(z.origin, name) {
			break // the resolver continues outside our zone
		}
	}
	if len(m.Answer) == 0 {
		m.Ns = []dns.RR{z.soa} // lets resolvers cache the negative answer (RFC 2308)
	}
	// Over UDP a reply must fit the client's buffer (512 bytes without
	// EDNS0); Truncate sets TC so the client retries over TCP.
	size := dns.MinMsgSize
	if opt := req.IsEdns0(); opt != nil {
		size = int(opt.UDPSize())
	}
	if _, isUDP := w.RemoteAddr().(*net.UDPAddr); isUDP {
		m.Truncate(size)
	}
	w.WriteMsg(m)
}

// Server runs a zone on one port over both UDP and TCP: DNS uses UDP for
// ordinary queries and TCP for large answers and zone transfers.
type Server struct {
	Addr string // the host:port it really listens on
	udp  *dns.Server
	tcp  *dns.Server
}

// Start listens on addr (port 0 picks a free one) and serves in the background.
func Start(addr string, h dns.Handler) (*Server, error) {
	for range 10 { // with port 0, TCP and UDP must agree on one free port
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			return nil, fmt.Errorf("listen tcp %s: %w", addr, err)
		}
		pc, err := net.ListenPacket("udp", ln.Addr().String())
		if err != nil {
			ln.Close()
			if strings.HasSuffix(addr, ":0") {
				continue // that port was taken for UDP; try another
			}
			return nil, fmt.Errorf("listen udp %s: %w", addr, err)
		}
		s := &Server{Addr: ln.Addr().String(),
			udp: &dns.Server{PacketConn: pc, Handler: h, ReadTimeout: 2 * time.Second, WriteTimeout: 2 * time.Second},
			tcp: &dns.Server{Listener: ln, Handler: h, ReadTimeout: 2 * time.Second, WriteTimeout: 2 * time.Second},
		}
		started := make(chan struct{}, 2)
		s.udp.NotifyStartedFunc = func() { started <- struct{}{} }
		s.tcp.NotifyStartedFunc = func() { started <- struct{}{} }
		go s.udp.ActivateAndServe()
		go s.tcp.ActivateAndServe()
		<-started
		<-started
		return s, nil
	}
	return nil, fmt.Errorf("listen on %s: no port free for both UDP and TCP", addr)
}

// Shutdown stops both listeners, letting queries in progress finish.
func (s *Server) Shutdown(ctx context.Context) error {
	return errors.Join(s.udp.ShutdownContext(ctx), s.tcp.ShutdownContext(ctx))
}

// NewResolver returns a resolver that asks server (host:port) instead of
// the nameservers in /etc/resolv.conf. PreferGo selects Go's own DNS
// client, the only one whose Dial can be redirected. timeout bounds the
// connection attempt; the caller's context bounds the whole lookup.
func NewResolver(server string, timeout time.Duration) *net.Resolver {
	return &net.Resolver{
		PreferGo: true,
		Dial: func(ctx context.Context, network, _ string) (net.Conn, error) {
			d := net.Dialer{Timeout: timeout}
			conn, err := d.DialContext(ctx, network, server)
			if err != nil {
				return nil, err
			}
			return cancelOnDone(ctx, conn), nil
		},
	}
}

// cancelOnDone makes a cancelled lookup stop at once. Go's resolver
// bounds each query by resolv.conf's timeout (5s by default) but does not
// watch the context while it waits for a reply, so an abandoned query
// would linger that long. The wrapper keeps the conn's concrete kind:
// the resolver frames messages differently for packet and stream conns.
func cancelOnDone(ctx context.Context, conn net.Conn) net.Conn {
	stop := context.AfterFunc(ctx, func() { conn.SetDeadline(time.Now()) })
	if udp, ok := conn.(*net.UDPConn); ok {
		return &udpConn{UDPConn: udp, stop: stop}
	}
	return &streamConn{Conn: conn, stop: stop}
}

type udpConn struct {
	*net.UDPConn
	stop func() bool
}

func (c *udpConn) Close() error { c.stop(); return c.UDPConn.Close() }

type streamConn struct {
	net.Conn
	stop func() bool
}

func (c *streamConn) Close() error { c.stop(); return c.Conn.Close() }

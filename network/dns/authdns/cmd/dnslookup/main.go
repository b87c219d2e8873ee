// Command dnslookup queries one DNS server directly with net.Resolver: address,
// alias, mail, text and service records of a zone.
//
//	go run ./dns/authdns/cmd/dnslookup -server 127.0.0.1:8053 -zone example.test
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/netip"
	"os"
	"os/signal"
	"slices"
	"syscall"
	"time"

	"example.com/cloudgo/network/dns/authdns"
	"example.com/cloudgo/network/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("dnslookup", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("dnslookup", flag.ContinueOnError)
	fs.SetOutput(stderr)
	server := fs.String("server", cli.Env("DNS_SERVER", "127.0.0.1:8053"), "DNS server host:port (env DNS_SERVER)")
	zone := fs.String("zone", "example.test", "zone to query")
	timeout := fs.Duration("timeout", 2*time.Second, "timeout per lookup")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if *timeout <= 0 {
		return cli.Usagef("-timeout must be positive, got %v", *timeout)
	}
	r := authdns.NewResolver(*server, *timeout)
	apex := *zone + "." // absolute: no search domains appended
	// Each lookup gets its own deadline; one slow answer must not eat the budget of the rest.
	lookupCtx := func() (context.Context, context.CancelFunc) { return context.WithTimeout(ctx, *timeout) }

	c, cancel := lookupCtx()
	defer cancel()
	for _, family := range []string{"ip4", "ip6"} {
		ips, err := r.LookupNetIP(c, family, "www."+apex)
		if err != nil {
			return fmt.Errorf("look up %s addresses of www.%s at %s: %w", family, apex, *server, err)
		}
		slices.SortFunc(ips, netip.Addr.Compare) // DNS does not promise an order
		fmt.Fprintf(stdout, "%-5s www.%s -> %v\n", map[string]string{"ip4": "A", "ip6": "AAAA"}[family], apex, ips)
	}
	c, cancel = lookupCtx()
	defer cancel()
	cname, err := r.LookupCNAME(c, "web."+apex)
	if err != nil {
		return fmt.Errorf("look up CNAME of web.%s at %s: %w", apex, *server, err)
	}
	fmt.Fprintf(stdout, "CNAME web.%s -> %s\n", apex, cname)

	c, cancel = lookupCtx()
	defer cancel()
	mxs, err := r.LookupMX(c, apex)
	if err != nil {
		return fmt.Errorf("look up MX of %s at %s: %w", apex, *server, err)
	}
	for _, mx := range mxs { // sorted by preference: lowest is tried first
		fmt.Fprintf(stdout, "MX    %s -> %d %s\n", apex, mx.Pref, mx.Host)
	}
	c, cancel = lookupCtx()
	defer cancel()
	txts, err := r.LookupTXT(c, apex)
	if err != nil {
		return fmt.Errorf("look up TXT of %s at %s: %w", apex, *server, err)
	}
	slices.Sort(txts)
	fmt.Fprintf(stdout, "TXT   %s -> %q\n", apex, txts)

	c, cancel = lookupCtx()
	defer cancel()
	_, srvs, err := r.LookupSRV(c, "http", "tcp", apex)
	if err != nil {
		return fmt.Errorf("look up SRV _http._tcp.%s at %s: %w", apex, *server, err)
	}
	for _, s := range srvs { // by priority, then shuffled by weight
		fmt.Fprintf(stdout, "SRV   _http._tcp.%s -> %s:%d (priority %d, weight %d)\n", apex, s.Target, s.Port, s.Priority, s.Weight)
	}
	return nil
}

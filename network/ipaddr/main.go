// Command ipaddr reads IP addresses and prefixes with net/netip: the
// historical class (A–E, from the first octet) next to what actually matters
// today, the CIDR prefix and the address's scope.
//
//	go run ./ipaddr 10.1.2.3 192.168.1.77/20 2001:db8::1
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"example.com/cloudgo/network/ipaddr/ipinfo"
)

// defaults cover every class and every scope the lesson talks about.
var defaults = []string{
	"10.1.2.3", "172.16.5.4", "192.168.1.77/20", "8.8.8.8", "100.64.0.1",
	"127.0.0.1", "169.254.10.20", "224.0.0.251", "240.0.0.1",
	"::1", "fe80::1%eth0", "fd00::1", "2001:db8:abcd:12::5/64",
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "ipaddr:", err)
		os.Exit(1)
	}
}

func run(_ context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("ipaddr", flag.ContinueOnError)
	split := fs.Int("split", 0, "also split each prefix into subnets of this length (e.g. 22)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	inputs := fs.Args()
	if len(inputs) == 0 {
		inputs = defaults
	}
	var errs []error
	for _, in := range inputs {
		if err := describe(out, in, *split); err != nil {
			// Bad input gets a clear error, but the other inputs still get answered.
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func describe(out io.Writer, in string, split int) error {
	addr, prefix, err := ipinfo.Parse(in)
	if err != nil {
		return err
	}
	class := "-  (IPv6 never had classes)"
	if c, err := ipinfo.Class(addr); err == nil {
		class = c.Class + "  (leading bits " + c.LeadBits + ")"
		if c.DefaultLen > 0 {
			class += fmt.Sprintf(", classful /%d", c.DefaultLen)
		}
	}
	fmt.Fprintf(out, "%s\n  version: IPv%d\n  class:   %s\n  scope:   %s\n",
		in, map[bool]int{true: 4, false: 6}[addr.Unmap().Is4()], class, ipinfo.Scope(addr))
	if !strings.Contains(in, "/") {
		return nil
	}
	s := ipinfo.Subnet(prefix)
	fmt.Fprintf(out, "  network: %s  first %s  last %s  addresses %s", s.Prefix, s.First, s.Last, s.Addresses)
	if s.Mask != "" {
		fmt.Fprintf(out, "  mask %s", s.Mask)
	}
	fmt.Fprintln(out)
	if split > 0 {
		subs, err := ipinfo.Split(prefix, split, 64)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "  split into /%d: %v\n", split, subs)
	}
	return nil
}

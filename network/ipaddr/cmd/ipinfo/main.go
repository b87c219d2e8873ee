// Command ipinfo reads IP addresses and prefixes with net/netip: the
// historical class (A–E, from the first octet) next to what actually matters
// today, the CIDR prefix and the address's scope.
//
//	go run ./ipaddr/cmd/ipinfo 10.1.2.3 192.168.1.77/20 2001:db8::1
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
	"syscall"

	"example.com/cloudgo/network/internal/cli"
	"example.com/cloudgo/network/ipaddr"
)

// defaults cover every class and every scope the lesson talks about.
var defaults = []string{
	"10.1.2.3", "172.16.5.4", "192.168.1.77/20", "8.8.8.8", "100.64.0.1",
	"127.0.0.1", "169.254.10.20", "224.0.0.251", "240.0.0.1",
	"::1", "fe80::1%eth0", "fd00::1", "2001:db8:abcd:12::5/64",
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("ipinfo", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("ipinfo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	split := fs.Int("split", 0, "also split each prefix into subnets of this length, 1-128 (e.g. 22); 0: do not split")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if *split < 0 || *split > 128 {
		return cli.Usagef("-split must be a prefix length from 1 to 128 (0 to not split), got %d", *split)
	}
	inputs := fs.Args()
	if len(inputs) == 0 {
		inputs = defaults
	}
	var errs []error
	for _, in := range inputs {
		if err := describe(stdout, in, *split); err != nil {
			// Bad input gets a clear error, but the other inputs still get answered.
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func describe(out io.Writer, in string, split int) error {
	addr, prefix, err := ipaddr.Parse(in)
	if err != nil {
		return err
	}
	class := "-  (IPv6 never had classes)"
	if c, err := ipaddr.Class(addr); err == nil {
		class = c.Class + "  (leading bits " + c.LeadBits + ")"
		if c.DefaultLen > 0 {
			class += fmt.Sprintf(", classful /%d", c.DefaultLen)
		}
	}
	fmt.Fprintf(out, "%s\n  version: IPv%d\n  class:   %s\n  scope:   %s\n",
		in, map[bool]int{true: 4, false: 6}[addr.Unmap().Is4()], class, ipaddr.Scope(addr))
	if !strings.Contains(in, "/") {
		return nil
	}
	s := ipaddr.Subnet(prefix)
	fmt.Fprintf(out, "  network: %s  first %s  last %s  addresses %s", s.Prefix, s.First, s.Last, s.Addresses)
	if s.Mask != "" {
		fmt.Fprintf(out, "  mask %s", s.Mask)
	}
	fmt.Fprintln(out)
	if split > 0 {
		subs, err := ipaddr.Split(prefix, split, 64)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "  split into /%d: %v\n", split, subs)
	}
	return nil
}

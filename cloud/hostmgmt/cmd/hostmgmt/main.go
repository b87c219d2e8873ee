// Command hostmgmt lists, starts and stops cloud hosts.
//
//	go run ./hostmgmt/cmd list -tag env=demo      # containers labelled env=demo
//	go run ./hostmgmt/cmd stop web-1
//	go run ./hostmgmt/cmd -provider ec2 list -tag env=prod
//
// -provider docker (default) manages the local Docker Engine's containers;
// -provider ec2 manages EC2 instances, with credentials and region from the AWS
// SDK's default chain (AWS_PROFILE, AWS_REGION, SSO, an instance role ...).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"example.com/cloudgo/cloud/hostmgmt"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "hostmgmt:", err)
		os.Exit(1)
	}
}

type tagFlags []string

func (t *tagFlags) String() string     { return fmt.Sprint(*t) }
func (t *tagFlags) Set(v string) error { *t = append(*t, v); return nil }

func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("hostmgmt", flag.ContinueOnError)
	provider := fs.String("provider", envOr("HOSTMGMT_PROVIDER", "docker"), "docker or ec2 (env HOSTMGMT_PROVIDER)")
	timeout := fs.Duration("timeout", 30*time.Second, "timeout for the whole command")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()

	var m hostmgmt.Manager
	switch *provider {
	case "docker":
		d, err := hostmgmt.NewDocker()
		if err != nil {
			return err
		}
		defer d.Close()
		m = d
	case "ec2":
		cfg, err := config.LoadDefaultConfig(ctx)
		if err != nil {
			return fmt.Errorf("load AWS config: %w", err)
		}
		m = hostmgmt.EC2{API: ec2.NewFromConfig(cfg)}
	default:
		return fmt.Errorf("-provider %q: want docker or ec2", *provider)
	}

	cmd, rest := fs.Arg(0), fs.Args()[min(1, fs.NArg()):]
	switch cmd {
	case "list":
		lf := flag.NewFlagSet("list", flag.ContinueOnError)
		var tags tagFlags
		lf.Var(&tags, "tag", "key=value; repeat to require several tags")
		if err := lf.Parse(rest); err != nil {
			return err
		}
		filter, err := hostmgmt.ParseTags(tags)
		if err != nil {
			return err
		}
		instances, err := m.Describe(ctx, filter)
		if err != nil {
			return err
		}
		return hostmgmt.Print(out, instances)
	case "start", "stop":
		if len(rest) == 0 {
			return fmt.Errorf("%s: name at least one instance ID", cmd)
		}
		op := m.Start
		if cmd == "stop" {
			op = m.Stop
		}
		if err := op(ctx, rest...); err != nil {
			return err
		}
		fmt.Fprintf(out, "%s requested: %v\n", cmd, rest)
		return nil
	case "":
		return errors.New("no command: want list, start or stop")
	}
	return fmt.Errorf("unknown command %q: want list, start or stop", cmd)
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

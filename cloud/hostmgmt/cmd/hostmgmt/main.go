// Command hostmgmt lists, starts and stops cloud hosts.
//
//	go run ./hostmgmt/cmd/hostmgmt list -tag env=demo      # containers labelled env=demo
//	go run ./hostmgmt/cmd/hostmgmt stop web-1
//	go run ./hostmgmt/cmd/hostmgmt -provider ec2 list -tag env=prod
//
// -provider docker (default) manages the local Docker Engine's containers;
// -provider ec2 manages EC2 instances, with credentials and region from the AWS
// SDK's default chain (AWS_PROFILE, AWS_REGION, SSO, an instance role ...).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"example.com/cloudgo/cloud/hostmgmt"
	"example.com/cloudgo/cloud/internal/cli"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("hostmgmt", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

type tagFlags []string

func (t *tagFlags) String() string     { return fmt.Sprint(*t) }
func (t *tagFlags) Set(v string) error { *t = append(*t, v); return nil }

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("hostmgmt", flag.ContinueOnError)
	fs.SetOutput(stderr)
	provider := fs.String("provider", cli.Env("HOSTMGMT_PROVIDER", "docker"), "docker or ec2 (env HOSTMGMT_PROVIDER)")
	timeout := fs.Duration("timeout", 30*time.Second, "timeout for the whole command")
	stopTimeout := fs.Int("stop-timeout", 10, "docker: seconds between SIGTERM and SIGKILL on stop (0-3600)")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if *timeout <= 0 {
		return cli.Usagef("-timeout must be positive, got %s", *timeout)
	}
	if *stopTimeout < 0 || *stopTimeout > 3600 {
		return cli.Usagef("-stop-timeout must be 0 to 3600 seconds, got %d", *stopTimeout)
	}
	cmd, rest := fs.Arg(0), fs.Args()[min(1, fs.NArg()):]
	switch cmd {
	case "list", "start", "stop":
	case "":
		return cli.Usagef("no command: want list, start or stop")
	default:
		return cli.Usagef("unknown command %q: want list, start or stop", cmd)
	}
	if cmd != "list" && len(rest) == 0 {
		return cli.Usagef("%s: name at least one instance ID", cmd)
	}
	var filter map[string]string
	if cmd == "list" {
		lf := flag.NewFlagSet("list", flag.ContinueOnError)
		lf.SetOutput(stderr)
		var tags tagFlags
		lf.Var(&tags, "tag", "key=value; repeat to require several tags")
		if err := cli.Parse(lf, rest); err != nil {
			return err
		}
		var err error
		if filter, err = hostmgmt.ParseTags(tags); err != nil {
			return cli.Usagef("%v", err)
		}
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
		d.StopTimeout = *stopTimeout
		m = d
	case "ec2":
		cfg, err := config.LoadDefaultConfig(ctx)
		if err != nil {
			return fmt.Errorf("load AWS config: %w", err)
		}
		m = hostmgmt.EC2{API: ec2.NewFromConfig(cfg)}
	default:
		return cli.Usagef("-provider %q: want docker or ec2", *provider)
	}

	if cmd == "list" {
		instances, err := m.Describe(ctx, filter)
		if err != nil {
			return err
		}
		return hostmgmt.Print(stdout, instances)
	}
	op := m.Start
	if cmd == "stop" {
		op = m.Stop
	}
	if err := op(ctx, rest...); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s requested: %v\n", cmd, rest)
	return nil
}

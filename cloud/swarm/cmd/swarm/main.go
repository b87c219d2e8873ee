// Command swarm runs the webapp on a real cluster manager, Docker Swarm mode on
// the local engine: 3 health-checked replicas, scaled to 5, a rolling update to
// a new image, a broken update that rolls itself back, and a secret. It builds
// its images from ../webapp, cleans up after itself, and leaves the swarm if it
// created it (an engine already in a swarm is left as it was).
package main

import (
	"context"
	"crypto/rand"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"example.com/cloudgo/cloud/internal/cli"
	"example.com/cloudgo/cloud/registry"
	"example.com/cloudgo/cloud/swarm"
	swarmapi "github.com/moby/moby/api/types/swarm"
	"github.com/moby/moby/client"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("swarm", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) (err error) {
	fs := flag.NewFlagSet("swarm", flag.ContinueOnError)
	fs.SetOutput(stderr)
	name := fs.String("name", "cloudgo-webapp", "service name (also the images' and the secret's)")
	dir := fs.String("context", "webapp", "folder with the webapp's Dockerfile")
	wait := fs.Duration("wait", 3*time.Minute, "deadline for each step to converge")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	switch {
	case fs.NArg() > 0:
		return cli.Usagef("no arguments expected, got %q", fs.Args())
	case *wait <= 0:
		return cli.Usagef("-wait must be above 0, got %v", *wait)
	case *name == "" || strings.ToLower(*name) != *name || strings.ContainsAny(*name, ":/@ "):
		return cli.Usagef("-name must be a lower-case name like cloudgo-webapp, got %q", *name)
	}
	d, err := client.New(client.FromEnv)
	if err != nil {
		return fmt.Errorf("docker client: %w", err)
	}
	defer d.Close()
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if _, err := d.Ping(pingCtx, client.PingOptions{}); err != nil {
		return fmt.Errorf("no Docker engine at %s: %w", d.DaemonHost(), err)
	}
	cleanup := context.WithoutCancel(ctx)

	v1, v2, broken := *name+":v1", *name+":v2", *name+":broken"
	if _, err := registry.Build(ctx, d, *dir, v1); err != nil {
		return err
	}
	defer registry.Remove(cleanup, d, v1)
	if err := swarm.BuildFrom(ctx, d, v1, v2, `ENV GREETING="Hello from v2!"`); err != nil {
		return err
	}
	defer registry.Remove(cleanup, d, v2)
	// A release that cannot start: the webapp refuses PORT=-1 and exits.
	if err := swarm.BuildFrom(ctx, d, v1, broken, "ENV PORT=-1"); err != nil {
		return err
	}
	defer registry.Remove(cleanup, d, broken)
	fmt.Fprintf(stdout, "images: %s (the webapp), %s (another greeting), %s (exits at start)\n", v1, v2, broken)

	joined, err := swarm.Join(ctx, d)
	if err != nil {
		return err
	}
	defer func() {
		if lerr := joined.Leave(cleanup, d); lerr != nil && err == nil {
			err = lerr
		}
	}()
	if joined.Created {
		fmt.Fprintln(stdout, "swarm: initialized a single-node swarm (the engine was in none; it leaves it at the end)")
	} else {
		fmt.Fprintln(stdout, "swarm: this engine is already a manager: using its swarm, leaving it as it is")
	}

	secret, err := d.SecretCreate(ctx, client.SecretCreateOptions{Spec: swarmapi.SecretSpec{
		Annotations: swarmapi.Annotations{Name: *name + "-token"}, Data: []byte("token-" + rand.Text()),
	}})
	if err != nil {
		return fmt.Errorf("create secret: %w", err)
	}
	defer d.SecretRemove(cleanup, secret.ID, client.SecretRemoveOptions{})
	svc, err := d.ServiceCreate(ctx, client.ServiceCreateOptions{Spec: serviceSpec(*name, v1, joined.NodeID, secret.ID)})
	if err != nil {
		return fmt.Errorf("create service %s: %w", *name, err)
	}
	defer func() {
		d.ServiceRemove(cleanup, svc.ID, client.ServiceRemoveOptions{})
		swarm.WaitGone(cleanup, d, svc.ID, *wait)
	}()
	return exercise(ctx, d, stdout, svc.ID, *name+"-token", v1, v2, broken, *wait)
}

// Command registry finishes the Python original's Docker question: the webapp
// image built, tagged for a registry, pushed, checked through the registry's
// HTTP API v2 (tags, the manifest and its digest), pulled back by digest and run.
// Docker pushes to a registry on 127.0.0.0/8 over plain HTTP; any other needs
// TLS or an insecure-registries entry.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"

	"example.com/cloudgo/cloud/internal/cli"
	"example.com/cloudgo/cloud/registry"
	"github.com/moby/moby/client"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("registry", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("registry", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("registry", cli.Env("REGISTRY_ADDR", "127.0.0.1:5000"), "registry host:port (env REGISTRY_ADDR)")
	dir := fs.String("context", "webapp", "folder with the Dockerfile to build")
	repo := fs.String("repo", "cloudgo/webapp", "repository in the registry")
	tag := fs.String("tag", "v1", "tag to push")
	timeout := fs.Duration("timeout", 10*time.Minute, "for everything, the image build included")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	switch {
	case fs.NArg() > 0:
		return cli.Usagef("no arguments expected, got %q", fs.Args())
	case *timeout <= 0:
		return cli.Usagef("-timeout must be above 0, got %v", *timeout)
	case *repo == "" || strings.ContainsAny(*repo, ":@ ") || strings.ToLower(*repo) != *repo:
		return cli.Usagef("-repo must be a lower-case repository path like cloudgo/webapp, got %q", *repo)
	case *tag == "" || strings.ContainsAny(*tag, ":@/ "):
		return cli.Usagef("-tag must be a tag like v1, got %q", *tag)
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()

	api := registry.API{URL: "http://" + *addr}
	pingCtx, cancelPing := context.WithTimeout(ctx, 5*time.Second)
	defer cancelPing()
	if err := api.Ping(pingCtx); err != nil {
		return fmt.Errorf("no registry at %s (start it with `make up`): %w", *addr, err)
	}
	d, err := client.New(client.FromEnv)
	if err != nil {
		return fmt.Errorf("docker client: %w", err)
	}
	defer d.Close()

	local := *repo + ":" + *tag
	id, err := registry.Build(ctx, d, *dir, local)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "built %s from %s/Dockerfile: image %s\n", local, *dir, id)
	// The registry's address in the name is where the engine pushes it.
	remote := *addr + "/" + local
	if _, err := d.ImageTag(ctx, client.ImageTagOptions{Source: local, Target: remote}); err != nil {
		return fmt.Errorf("tag %s: %w", remote, err)
	}
	pushed, err := registry.Push(ctx, d, remote)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "pushed %s: digest %s\n", remote, pushed)

	tags, err := api.Tags(ctx, *repo)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "GET /v2/%s/tags/list: %s\n", *repo, strings.Join(tags, " "))
	if !slices.Contains(tags, *tag) {
		return fmt.Errorf("registry %s lists no tag %s of %s", *addr, *tag, *repo)
	}
	m, err := api.Manifest(ctx, *repo, *tag)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "GET /v2/%s/manifests/%s: %s, %d bytes, %d layers, config %s\n", *repo, *tag, m.MediaType, len(m.Bytes), m.Layers, m.Config)
	if m.Digest != pushed || m.Config != id {
		return fmt.Errorf("registry %s holds manifest %s (config %s); pushed %s (image %s)", *addr, m.Digest, m.Config, pushed, id)
	}
	fmt.Fprintln(stdout, "sha256 of the manifest bytes = Docker-Content-Digest = the pushed digest; its config = the image ID")

	// Pull back by digest: an immutable name for exactly these bytes (a tag can move).
	if err := registry.Remove(ctx, d, remote); err != nil {
		return err
	}
	byDigest := *addr + "/" + *repo + "@" + pushed
	pulled, err := registry.Pull(ctx, d, byDigest)
	if err != nil {
		return err
	}
	defer registry.Remove(context.WithoutCancel(ctx), d, byDigest)
	fmt.Fprintf(stdout, "pulled %s: digest %s\n", byDigest, pulled)
	if pulled != pushed {
		return errors.New("the pulled digest differs from the pushed one")
	}
	body, err := registry.Serve(ctx, d, byDigest, []string{"GREETING=Hello from " + byDigest})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "ran it: GET / answered %q\n", strings.TrimSpace(body))
	return nil
}

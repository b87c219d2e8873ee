package main

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/cloud/internal/cli"
	"example.com/cloudgo/internal/kit"
	"github.com/moby/moby/client"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

// The whole lifecycle on the test's own engine, and nothing left behind: the
// swarm state as before, no service, secret, container or image of the run.
func TestServiceLifecycle(t *testing.T) {
	kit.RequireDocker(t)
	if os.Geteuid() != 0 {
		kit.Unavailable(t, "needs root: the secret is read inside a task through /proc/<pid>/root")
	}
	d, err := client.New(client.FromEnv)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	before, err := d.Info(ctx, client.InfoOptions{})
	if err != nil {
		t.Fatal(err)
	}
	_, gwbErr := d.NetworkInspect(ctx, "docker_gwbridge", client.NetworkInspectOptions{})

	name := kit.Name(t, "", "-", 40)
	var stdout, stderr bytes.Buffer
	err = run(ctx, []string{"-name", name, "-context", "../../../webapp", "-wait", "3m"}, &stdout, &stderr)
	out := stdout.String()
	if err != nil {
		t.Fatalf("run: %v\n%s%s", err, out, stderr.String())
	}
	for _, want := range []string{
		"service created: 3 replicas of " + name + ":v1 running (health check passing)\n",
		"scaled to 5: 5 of 5 tasks (" + name + `:v1) answer "Hello, World!"` + "\n",
		"/run/secrets/token in the task holds 32 bytes; in the image: false\n",
		"update to " + name + ":v2: completed",
		// 2 at a time, stop-first: 3 of the 5 keep serving.
		"at least 3 tasks running throughout\n",
		"after the rolling update: 5 of 5 tasks (" + name + `:v2) answer "Hello from v2!"` + "\n",
		"update to " + name + ":broken: rollback_completed",
		"after the rollback: 5 of 5 tasks (" + name + `:v2) answer "Hello from v2!"` + "\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}

	after, err := d.Info(ctx, client.InfoOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if b, a := before.Info.Swarm, after.Info.Swarm; a.LocalNodeState != b.LocalNodeState || a.NodeID != b.NodeID {
		t.Errorf("swarm before: %s node %q, after: %s node %q", b.LocalNodeState, b.NodeID, a.LocalNodeState, a.NodeID)
	}
	if _, err := d.NetworkInspect(ctx, "docker_gwbridge", client.NetworkInspectOptions{}); (err == nil) != (gwbErr == nil) {
		t.Errorf("docker_gwbridge: existed before %v, after %v", gwbErr == nil, err == nil)
	}
	cs, err := d.ContainerList(ctx, client.ContainerListOptions{All: true, Filters: make(client.Filters).Add("label", "com.docker.swarm.service.name="+name)})
	if err != nil || len(cs.Items) > 0 {
		t.Errorf("containers of the service left: %d (%v)", len(cs.Items), err)
	}
	for _, tag := range []string{"v1", "v2", "broken"} {
		if _, err := d.ImageInspect(ctx, name+":"+tag); err == nil {
			t.Errorf("image %s:%s left", name, tag)
		}
	}
	if after.Info.Swarm.LocalNodeState == "active" {
		ss, err := d.SecretList(ctx, client.SecretListOptions{Filters: make(client.Filters).Add("name", name)})
		if err != nil || len(ss.Items) > 0 {
			t.Errorf("secrets left: %d (%v)", len(ss.Items), err)
		}
	}
}

func TestBadFlagValues(t *testing.T) {
	for _, args := range [][]string{
		{"-wait", "0s"}, {"-wait", "-1m"}, {"-name", ""}, {"-name", "Web"}, {"-name", "a:b"}, {"extra"}, {"-nosuch"},
	} {
		var stdout, stderr bytes.Buffer
		if err := run(context.Background(), args, &stdout, &stderr); cli.Code(err) != 2 {
			t.Errorf("swarm %q: %v (exit %d), want exit 2", args, err, cli.Code(err))
		}
	}
}

func TestEngineUnreachable(t *testing.T) {
	t.Setenv("DOCKER_HOST", "tcp://127.0.0.1:1")
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), nil, &stdout, &stderr)
	if cli.Code(err) != 1 || !strings.Contains(err.Error(), "no Docker engine at tcp://127.0.0.1:1") {
		t.Errorf("unreachable engine: %v (exit %d), want exit 1 naming the address", err, cli.Code(err))
	}
}
